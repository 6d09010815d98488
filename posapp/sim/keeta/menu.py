"""A Hong Kong cha chaan teng / noodle shop menu the order generator draws from (prices in HKD cents)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    sku_id: int
    en: str
    zh: str
    price: int
    code: str
    # The menu SPU this option is (Keeta links a choice-group option to the SPU of the same name; the
    # simulator names the link): marking that SPU sold out "with linkage" takes the option off too.
    related_spu: int | None = None


@dataclass(frozen=True)
class OptionGroup:
    group_id: int
    name: str
    code: str
    options: tuple[Option, ...]
    # How many options a customer picks from the group (0 means the group may be skipped).
    min_pick: int = 0
    max_pick: int = 1


@dataclass(frozen=True)
class Spec:
    sku_id: int
    en: str
    zh: str
    price: int
    code: str


@dataclass(frozen=True)
class Dish:
    spu_id: int
    en: str
    zh: str
    code: str
    specs: tuple[Spec, ...]
    groups: tuple[OptionGroup, ...] = ()


_NOODLE = OptionGroup(
    71,
    "Noodles 麵類",
    "NOODLE",
    (
        Option(7111, "Thin egg noodles", "幼麵", 0, "NDL-THIN"),
        Option(7112, "Flat rice noodles", "河粉", 0, "NDL-HOFUN"),
        Option(7113, "Rice vermicelli", "米粉", 0, "NDL-MIFUN"),
        Option(7114, "E-fu noodles", "伊麵", 300, "NDL-EFU"),
    ),
    min_pick=1,
)
_ADDON = OptionGroup(
    72,
    "Add-ons 加配",
    "ADDON",
    (
        Option(7201, "Extra wonton", "加雲吞", 800, "ADD-WT"),
        Option(7202, "Fried egg", "加煎蛋", 500, "ADD-EGG"),
        Option(7203, "Extra greens", "加菜", 600, "ADD-VEG"),
    ),
    max_pick=2,
)
_SWEET = OptionGroup(
    73,
    "Sweetness 甜度",
    "SWEET",
    (
        Option(7301, "Less sugar", "少甜", 0, "SWEET-LESS"),
        Option(7302, "No sugar", "走甜", 0, "SWEET-NONE"),
    ),
)
_ICE = OptionGroup(
    74,
    "Ice 冰量",
    "ICE",
    (Option(7401, "Less ice", "少冰", 0, "ICE-LESS"), Option(7402, "No ice", "走冰", 0, "ICE-NONE")),
)
_RICE = OptionGroup(
    75,
    "Rice 飯類",
    "RICE",
    (
        Option(7501, "White rice", "白飯", 0, "RICE-WHITE"),
        Option(7502, "Fried rice", "炒飯", 500, "RICE-FRIED"),
    ),
    min_pick=1,
)
_SET_DRINK = OptionGroup(
    76,
    "Set drink 跟餐飲品",
    "SETDRINK",
    (
        Option(7601, "Hot milk tea", "熱奶茶", 0, "SD-MT-HOT", related_spu=3011),
        Option(7602, "Iced lemon tea", "凍檸茶", 300, "SD-LT-ICE", related_spu=3012),
        Option(7603, "Iced yuenyeung", "凍鴛鴦", 300, "SD-YY-ICE", related_spu=3013),
    ),
)


def _sizes(sku: int, code: str, regular: int, large: int) -> tuple[Spec, ...]:
    return (
        Spec(sku, "Regular", "普通", regular, f"{code}-R"),
        Spec(sku + 1, "Large", "大", large, f"{code}-L"),
    )


def _temps(sku: int, code: str, hot: int) -> tuple[Spec, ...]:
    return (Spec(sku, "Hot", "熱", hot, f"{code}-HOT"), Spec(sku + 1, "Iced", "凍", hot + 300, f"{code}-ICE"))


MENU: tuple[Dish, ...] = (
    Dish(
        3001,
        "Wonton Noodles in Soup",
        "鮮蝦雲吞麵",
        "NOODLE-WT",
        _sizes(4001, "NOODLE-WT", 4200, 4800),
        (_NOODLE, _ADDON),
    ),
    Dish(
        3002,
        "Beef Brisket Noodles",
        "牛腩麵",
        "NOODLE-BB",
        _sizes(4003, "NOODLE-BB", 4800, 5600),
        (_NOODLE, _ADDON),
    ),
    Dish(
        3003, "Char Siu Rice", "叉燒飯", "RICE-CS", _sizes(4005, "RICE-CS", 4600, 5400), (_RICE, _SET_DRINK)
    ),
    Dish(
        3004,
        "Roast Goose Leg Rice",
        "燒鵝髀飯",
        "RICE-RG",
        (Spec(4007, "Regular", "普通", 8800, "RICE-RG-R"),),
        (_RICE, _SET_DRINK),
    ),
    Dish(
        3005,
        "Baked Pork Chop Rice",
        "焗豬扒飯",
        "BAKED-PC",
        (Spec(4008, "Regular", "普通", 6200, "BAKED-PC-R"),),
        (_SET_DRINK,),
    ),
    Dish(3006, "Yeung Chow Fried Rice", "揚州炒飯", "FR-YC", _sizes(4009, "FR-YC", 6800, 8200)),
    Dish(3007, "Beef Chow Fun", "乾炒牛河", "HOFUN-BF", (Spec(4011, "Regular", "普通", 7200, "HOFUN-BF-R"),)),
    Dish(
        3008, "Curry Fish Balls", "咖喱魚蛋", "SNACK-FB", (Spec(4012, "Regular", "普通", 2800, "SNACK-FB-R"),)
    ),
    Dish(
        3009,
        "Pineapple Bun with Butter",
        "菠蘿油",
        "BAKE-PB",
        (Spec(4013, "Regular", "普通", 1800, "BAKE-PB-R"),),
    ),
    Dish(
        3010,
        "Hong Kong French Toast",
        "西多士",
        "BAKE-FT",
        (Spec(4014, "Regular", "普通", 3200, "BAKE-FT-R"),),
    ),
    Dish(3011, "Hong Kong Milk Tea", "港式奶茶", "DRINK-MT", _temps(4015, "DRINK-MT", 2300), (_SWEET, _ICE)),
    Dish(3012, "Lemon Tea", "檸檬茶", "DRINK-LT", _temps(4017, "DRINK-LT", 2300), (_SWEET, _ICE)),
    Dish(3013, "Yuenyeung", "鴛鴦", "DRINK-YY", _temps(4019, "DRINK-YY", 2500), (_SWEET, _ICE)),
)

LINE_REMARKS: tuple[str, ...] = (
    "走葱 No spring onion",
    "少辣 Less spicy",
    "汁另上 Sauce on the side",
    "唔要芫荽 No coriander",
    "多汁 Extra sauce",
)

ORDER_REMARKS: tuple[str, ...] = (
    "請按門鐘 Please ring the bell",
    "放門口就得 Leave at the door",
    "唔該快啲 Please hurry",
)

COURIERS: tuple[tuple[str, str], ...] = (
    ("陳大文 Chan Tai Man", "+852 9123 4567"),
    ("李志明 Lee Chi Ming", "+852 6234 5678"),
    ("黃家豪 Wong Ka Ho", "+852 5345 6789"),
    ("張美玲 Cheung Mei Ling", "+852 9456 7890"),
)

PICKUP_NAMES: tuple[tuple[str, str], ...] = (
    ("陳生 Mr Chan", "91234567"),
    ("李小姐 Ms Lee", "62345678"),
    ("黃太 Mrs Wong", "53456789"),
)

PAY_TYPES: tuple[tuple[str, str], ...] = (
    ("applepay", "Apple Pay"),
    ("octopus", "Octopus"),
    ("card", "Credit Card"),
    ("alipayhk", "AlipayHK"),
)

# Central / Sheung Wan drop-off points (latitude, longitude).
DROP_OFFS: tuple[tuple[float, float], ...] = (
    (22.2855, 114.1527),
    (22.2820, 114.1588),
    (22.2867, 114.1491),
    (22.2793, 114.1625),
    (22.2881, 114.1438),
)
