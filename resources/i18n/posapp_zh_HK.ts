<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
<context>
    <name>Alerts</name>
    <message>
        <location filename="../../posapp/ui/alerts.py" line="43"/>
        <source>No sound: this computer&apos;s audio system is missing. Alerts are visual only.</source>
        <translation>沒有聲音：這部電腦缺少音效系統，提示只會閃動顯示。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/alerts.py" line="48"/>
        <source>No sound: no speaker found. Alerts are visual only.</source>
        <translation>沒有聲音：找不到喇叭，提示只會閃動顯示。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/alerts.py" line="159"/>
        <source>New Keeta order, number {0}</source>
        <translation>Keeta 新訂單，{0} 號</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="66"/>
        <source>New</source>
        <translation>新訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="67"/>
        <source>In progress</source>
        <translation>製作中</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="68"/>
        <source>Ready</source>
        <translation>已備好</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="69"/>
        <source>Done / cancelled</source>
        <translation>完成／已取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="70"/>
        <source>Refund requests</source>
        <translation>退款申請</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="76"/>
        <source>No.</source>
        <translation>單號</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="77"/>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="78"/>
        <source>Items</source>
        <translation>食品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="79"/>
        <source>Total</source>
        <translation>總額</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="80"/>
        <source>Age</source>
        <translation>已等</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="81"/>
        <source>Deadline</source>
        <translation>限時</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="82"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="320"/>
        <source>{0}: sending…</source>
        <translation>{0}：傳送中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="324"/>
        <source>{0} failed</source>
        <translation>{0} 失敗</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="326"/>
        <source>{0}: check needed</source>
        <translation>{0}：需要查看</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="341"/>
        <source>Ready by {0} · {1} min</source>
        <translation>{0} 前出餐 · 尚餘 {1} 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="344"/>
        <source>Ready by {0} · {1} min late</source>
        <translation>{0} 前出餐 · 已遲 {1} 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board_model.py" line="354"/>
        <source>Refund: answer by {0}</source>
        <translation>退款：請於 {0} 前回覆</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../posapp/ui/board.py" line="203"/>
        <source>Find: number, phone tail, item</source>
        <translation>搜尋：單號、電話尾數、食品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board.py" line="204"/>
        <source>Find an order</source>
        <translation>搜尋訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board.py" line="205"/>
        <source>Orders in this lane</source>
        <translation>此欄訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/board.py" line="206"/>
        <source>New orders</source>
        <translation>新訂單</translation>
    </message>
</context>
<context>
    <name>BrandChoice</name>
    <message>
        <location filename="../../posapp/ui/brand_choice.py" line="57"/>
        <source>All brands</source>
        <translation>所有品牌</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brand_choice.py" line="58"/>
        <source>Show the orders of</source>
        <translation>顯示以下品牌的訂單</translation>
    </message>
</context>
<context>
    <name>BrandsEditor</name>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="85"/>
        <source>Brands on this counter</source>
        <translation>此櫃檯的品牌</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="87"/>
        <source>Each brand is one Keeta shop. The first is this counter&apos;s Keeta shop ID (its token is the relay store token on the Keeta page); each other brand needs its own relay store token, kept in the system keyring.</source>
        <translation>每個品牌即一間 Keeta 店舖。第一個是此櫃檯的 Keeta 店舖編號（其憑證即 Keeta 頁上的中轉站店舖憑證）；其他品牌各需自己的中轉站店舖憑證，儲存在系統鑰匙圈。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="91"/>
        <location filename="../../posapp/ui/brands_editor.py" line="99"/>
        <source>Shop ID</source>
        <translation>店舖編號</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="91"/>
        <location filename="../../posapp/ui/brands_editor.py" line="100"/>
        <source>Name on cards and tickets</source>
        <translation>卡片及單據上的名稱</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="91"/>
        <location filename="../../posapp/ui/brands_editor.py" line="101"/>
        <source>Colour</source>
        <translation>顏色</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="92"/>
        <location filename="../../posapp/ui/brands_editor.py" line="102"/>
        <source>Relay store token</source>
        <translation>中轉站店舖憑證</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="95"/>
        <source>Add a brand</source>
        <translation>新增品牌</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="97"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="98"/>
        <source>saved in the system keyring</source>
        <translation>儲存在系統鑰匙圈</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="145"/>
        <source>A brand&apos;s shop ID must be a whole number above 0.</source>
        <translation>品牌的店舖編號必須是大於 0 的整數。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/brands_editor.py" line="147"/>
        <source>Shop {0} is listed twice.</source>
        <translation>店舖 {0} 重複列出。</translation>
    </message>
</context>
<context>
    <name>Cards</name>
    <message>
        <location filename="../../posapp/ui/new_cards.py" line="47"/>
        <source>+ {0} more</source>
        <translation>+ 另外 {0} 項</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/new_cards.py" line="105"/>
        <source>Items: {0}</source>
        <translation>食品：{0} 件</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/new_cards.py" line="109"/>
        <source>New order {0}</source>
        <translation>新訂單 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/new_cards.py" line="118"/>
        <source>Accept · ready in {0} min</source>
        <translation>接單 · {0} 分鐘內備好</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="127"/>
        <source>✖ Stopped, restarting: {0}</source>
        <translation>✖ 已停止，正在重新啟動：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="132"/>
        <source>relay sync</source>
        <translation>中轉站同步</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="133"/>
        <source>relay receipts</source>
        <translation>中轉站回執</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="134"/>
        <source>sending to Keeta/Zeek</source>
        <translation>傳送至 Keeta/Zeek</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="135"/>
        <source>printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="136"/>
        <source>Keeta sign-in</source>
        <translation>Keeta 登入</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="137"/>
        <source>order refresh</source>
        <translation>訂單更新</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="138"/>
        <source>delivery tracking</source>
        <translation>外送追蹤</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="139"/>
        <source>automatic delivery booking</source>
        <translation>自動預約外送</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="163"/>
        <source>While offline: {0} new, {1} changed, {2} cancelled</source>
        <translation>離線期間：新訂單 {0}，更新 {1}，取消 {2}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="106"/>
        <source>Printer</source>
        <translation>打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="112"/>
        <source>✔ OK</source>
        <translation>✔ 正常</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="112"/>
        <source>✖ problem</source>
        <translation>✖ 有問題</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="197"/>
        <source>Relay: ✖ OFFLINE</source>
        <translation>中轉站：✖ 離線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="199"/>
        <source>Relay: ✖ token refused</source>
        <translation>中轉站：✖ 憑證被拒</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="209"/>
        <source>, last event {0} s ago</source>
        <translation>，上次消息 {0} 秒前</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="210"/>
        <source>, last event {0} min ago</source>
        <translation>，上次消息 {0} 分鐘前</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="185"/>
        <location filename="../../posapp/ui/connection_bar.py" line="187"/>
        <source>Relay: connecting…</source>
        <translation>中轉站：連線中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="108"/>
        <source>{0}: not set up</source>
        <translation>{0}：未設定</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="111"/>
        <source>{0}: not used yet</source>
        <translation>{0}：尚未使用</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="175"/>
        <source>Without the relay, orders arrive only by refreshing: set it up in Settings.</source>
        <translation>沒有中轉站，訂單只能靠刷新收到：請在設定中設定。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="183"/>
        <source>Relay: not set up</source>
        <translation>中轉站：未設定</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="188"/>
        <source>Relay: ✔ connected</source>
        <translation>中轉站：✔ 已連線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="189"/>
        <source>Relay: ✖ OFFLINE – reconnecting</source>
        <translation>中轉站：✖ 離線 – 正在重新連線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/connection_bar.py" line="190"/>
        <source>Relay: ✖ refused the store token – check Settings</source>
        <translation>中轉站：✖ 拒絕店舖憑證 – 請檢查設定</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="305"/>
        <source>At the counter</source>
        <translation>櫃檯</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="310"/>
        <source>Default preparation time</source>
        <translation>預設準備時間</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="311"/>
        <source>Remind me when paused for (0: never)</source>
        <translation>暫停多久後提醒（0：不提醒）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="312"/>
        <source>Closing time (HH:MM)</source>
        <translation>關門時間（HH:MM）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="313"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="314"/>
        <source>Theme</source>
        <translation>外觀</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="315"/>
        <source>Text size</source>
        <translation>字體大小</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="318"/>
        <location filename="../../posapp/ui/settings_pages.py" line="319"/>
        <source> min</source>
        <translation> 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="320"/>
        <source>Accept new orders automatically</source>
        <translation>自動接新訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="321"/>
        <source>Ring for new orders</source>
        <translation>新訂單響鈴</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="322"/>
        <source>Say new orders out loud</source>
        <translation>讀出新訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="325"/>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="325"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="325"/>
        <source>High contrast</source>
        <translation>高對比</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="343"/>
        <source>The closing time must be a time of day as HH:MM, e.g. 22:00.</source>
        <translation>關門時間須為 HH:MM 格式的時間，例如 22:00。</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="25"/>
        <source>Code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="26"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="27"/>
        <source>Partner</source>
        <translation>速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="28"/>
        <source>Accept</source>
        <translation>接單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="29"/>
        <source>Show-up</source>
        <translation>到店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="30"/>
        <source>Delivery</source>
        <translation>送達</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="56"/>
        <source>Zeek deliveries</source>
        <translation>Zeek 速遞</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="57"/>
        <source>Cancel courier…</source>
        <translation>取消速遞員…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="61"/>
        <source>Look up a customer phone</source>
        <translation>以顧客電話查詢</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="63"/>
        <source>Look up</source>
        <translation>查詢</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="102"/>
        <source>Couriers under way</source>
        <translation>進行中的速遞</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/active_panel.py" line="172"/>
        <source>No delivery found for this phone.</source>
        <translation>找不到這個電話的外送。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/cancel_dialog.py" line="58"/>
        <source>Cancel courier</source>
        <translation>取消速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/cancel_dialog.py" line="59"/>
        <source>Why is the delivery cancelled?</source>
        <translation>為甚麼取消外送？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/cancel_dialog.py" line="61"/>
        <source>I understand Zeek may charge for this cancellation</source>
        <translation>我明白 Zeek 可能會就這次取消收費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/cancel_dialog.py" line="62"/>
        <source>Cancel the courier</source>
        <translation>取消速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/cancel_dialog.py" line="63"/>
        <source>Keep the courier</source>
        <translation>保留速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/cancel_dialog.py" line="65"/>
        <source>Pickup code {code}</source>
        <translation>取貨碼 {code}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="63"/>
        <source>Deliver at a set time</source>
        <translation>指定時間送達</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="67"/>
        <source>Get quote</source>
        <translation>取得報價</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="68"/>
        <source>Book courier</source>
        <translation>預約速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="86"/>
        <source>4 digits</source>
        <translation>4 位數字</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="106"/>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="110"/>
        <source>Customer name</source>
        <translation>顧客姓名</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="111"/>
        <source>Phone (+852)</source>
        <translation>電話 (+852)</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="113"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="117"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="118"/>
        <source>Food HK$</source>
        <translation>食物 HK$</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="120"/>
        <location filename="../../posapp/ui/delivery/tab.py" line="71"/>
        <source>Pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="128"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="129"/>
        <source>Partner note</source>
        <translation>給速遞員備註</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/form_panel.py" line="163"/>
        <source>Manual entry (phone order)</source>
        <translation>手動輸入（電話訂單）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="24"/>
        <source>Short range</source>
        <translation>短途</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="25"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="26"/>
        <source>Long distance</source>
        <translation>長途</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="27"/>
        <source>City-wide</source>
        <translation>全港</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="28"/>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="72"/>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="78"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="72"/>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="79"/>
        <source>Fee</source>
        <translation>運費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="72"/>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="79"/>
        <source>ETA</source>
        <translation>預計時間</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="73"/>
        <source>Direct</source>
        <translation>直線距離</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="73"/>
        <source>Travel</source>
        <translation>路程</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="78"/>
        <source>Food amount</source>
        <translation>食物金額</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="82"/>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="84"/>
        <source>Quotation for this order</source>
        <translation>這張訂單的報價</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="83"/>
        <source>Fees by food amount</source>
        <translation>按食品金額的運費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/quotes_panel.py" line="87"/>
        <source>Amount → delivery mode (until the basket is final)</source>
        <translation>金額 → 外送模式（落單前參考）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="67"/>
        <source>Shop</source>
        <translation>本店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="67"/>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="200"/>
        <source>Reading the customer&apos;s details from Keeta…</source>
        <translation>正在從 Keeta 讀取顧客資料…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="207"/>
        <source>Keeta did not give the customer&apos;s details; type them in.</source>
        <translation>Keeta 沒有提供顧客資料，請自行輸入。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="220"/>
        <source>Asking Zeek…</source>
        <translation>正在詢問 Zeek…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="229"/>
        <source>Zeek did not answer the quote: {e}</source>
        <translation>Zeek 沒有回覆報價：{e}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="247"/>
        <source>Please fix the fields marked in red.</source>
        <translation>請修正紅色標示的欄位。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="253"/>
        <source>Booking sent. Pickup code {code}: write it on the bag.</source>
        <translation>已送出預約。取貨碼 {code}：請寫在袋上。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="323"/>
        <source>Nothing found: {e}</source>
        <translation>找不到：{e}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="343"/>
        <source>Zeek refused: {e}</source>
        <translation>Zeek 拒絕：{e}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="347"/>
        <source>Zeek&apos;s answer was lost and the booking does not show whether the cancel went through. Check it in the Zeek app; nothing is sent again.</source>
        <translation>Zeek 的回覆遺失了，而預約狀態未能顯示取消是否成功。請在 Zeek 應用程式查看；系統不會再次發送。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tab.py" line="396"/>
        <source>Open Zeek&apos;s page for this delivery</source>
        <translation>在瀏覽器開啟 Zeek 的外送頁面</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="13"/>
        <source>Looking for a partner</source>
        <translation>正在尋找速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="14"/>
        <source>Another partner is being assigned</source>
        <translation>正在改派另一位速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="15"/>
        <source>Partner on the way to the shop</source>
        <translation>速遞員正前往本店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="16"/>
        <source>Partner nearly at the shop</source>
        <translation>速遞員快到本店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="17"/>
        <source>Partner at the shop</source>
        <translation>速遞員已到店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="18"/>
        <source>Picked up, left the shop</source>
        <translation>已取貨，離開本店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="19"/>
        <source>Delivering</source>
        <translation>送貨中</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="20"/>
        <source>Nearly at the customer</source>
        <translation>快到顧客處</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="21"/>
        <source>Delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="22"/>
        <source>Cancelled before pickup</source>
        <translation>取貨前已取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="23"/>
        <source>Cancelled after pickup</source>
        <translation>取貨後已取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="24"/>
        <source>Unknown status</source>
        <translation>不明狀態</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="29"/>
        <source>no partner took it in time</source>
        <translation>沒有速遞員及時接單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="30"/>
        <source>cancelled by the shop</source>
        <translation>由本店取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="31"/>
        <source>cancelled for the customer</source>
        <translation>因顧客取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="32"/>
        <source>cancelled by the partner or Zeek</source>
        <translation>由速遞員或 Zeek 取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="33"/>
        <source>the booking&apos;s details were wrong</source>
        <translation>預約資料有誤</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="34"/>
        <source>a test booking</source>
        <translation>測試預約</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="35"/>
        <source>another reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="39"/>
        <source>Paid online – partner collects nothing</source>
        <translation>已網上付款 – 速遞員不用收款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="40"/>
        <source>Cash on delivery – partner pays the shop, collects from customer</source>
        <translation>貨到付款 – 速遞員先付本店，再向顧客收款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="41"/>
        <source>Not defined – as written on the receipt</source>
        <translation>未指定 – 按收據所寫</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="42"/>
        <source>Card on delivery (ask Zeek first)</source>
        <translation>貨到刷卡（請先問 Zeek）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="80"/>
        <source>Sending to Zeek…</source>
        <translation>正在送往 Zeek…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="80"/>
        <source>Not sent yet</source>
        <translation>未送出</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/words.py" line="92"/>
        <location filename="../../posapp/ui/delivery/words.py" line="99"/>
        <source>{n} min</source>
        <translation>{n} 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="36"/>
        <source>The partner has already arrived at the shop. Zeek may charge the delivery fee for this cancellation, and after pickup it may refuse to cancel. Call the partner first.</source>
        <translation>速遞員已經到店。這次取消 Zeek 可能會收取運費，取貨後更可能不准取消。請先致電速遞員。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="41"/>
        <source>The partner has already picked up the food. Zeek may charge the delivery fee for this cancellation, and after pickup it may refuse to cancel. Call the partner first.</source>
        <translation>速遞員已經取貨。這次取消 Zeek 可能會收取運費，取貨後更可能不准取消。請先致電速遞員。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="46"/>
        <source>The booking to repeat is not in the app.</source>
        <translation>要重新預約的外送不在程式內。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="47"/>
        <source>This booking is not in the app.</source>
        <translation>這個預約不在程式內。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="48"/>
        <source>This delivery has already ended.</source>
        <translation>這次外送已經結束。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="49"/>
        <source>The booking is still being sent to Zeek; try again in a moment.</source>
        <translation>預約仍在送往 Zeek，請稍後再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="50"/>
        <source>Please write why the delivery is cancelled.</source>
        <translation>請寫下取消外送的原因。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="51"/>
        <source>customer name is missing</source>
        <translation>未填顧客姓名</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="52"/>
        <source>delivery address is missing</source>
        <translation>未填送貨地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="53"/>
        <source>customer phone is missing</source>
        <translation>未填顧客電話</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="54"/>
        <source>client order id is missing</source>
        <translation>未有客戶訂單編號</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="55"/>
        <source>pickup code is missing: 4 digits the partner shows at the counter</source>
        <translation>未填取貨碼：速遞員在櫃檯出示的 4 位數字</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="56"/>
        <source>location 0,0 means the address was not located</source>
        <translation>位置 0,0 表示未能找到這個地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="57"/>
        <source>order total must not be negative</source>
        <translation>訂單總額不可以是負數</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="58"/>
        <source>order amount must be above zero to get one quotation</source>
        <translation>訂單金額要大於零才可以取得報價</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="60"/>
        <source>Keeta&apos;s rider delivers this order.</source>
        <translation>此訂單由 Keeta 車手送遞。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="61"/>
        <source>Keeta&apos;s drone delivers this order.</source>
        <translation>此訂單由 Keeta 無人機送遞。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="62"/>
        <source>The customer collects this order at the counter.</source>
        <translation>此訂單由顧客到店自取。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="63"/>
        <source>The order&apos;s delivery details have not arrived yet.</source>
        <translation>訂單的送遞資料尚未收到。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="64"/>
        <source>This order is cancelled.</source>
        <translation>這張訂單已取消。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="65"/>
        <source>This order is already completed.</source>
        <translation>這張訂單已完成。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="66"/>
        <source>The Keeta order is not in the app; refresh it first.</source>
        <translation>程式內沒有這張 Keeta 訂單，請先重新整理。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="68"/>
        <source>The app stopped while this was being sent; check the order before trying again.</source>
        <translation>傳送期間程式停了；請先檢查訂單再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="75"/>
        <source>pickup code {0} is already used today; choose another</source>
        <translation>取貨碼 {0} 今日已用過，請選另一個</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="76"/>
        <source>This order already has a courier booked (pickup code {0}).</source>
        <translation>這張訂單已預約了速遞員（取貨碼 {0}）。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="77"/>
        <source>amount must be dollars like 128.50, got {0}</source>
        <translation>金額要以元填寫，例如 128.50，現在是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="78"/>
        <source>location must be &quot;lat,lng&quot; in decimal degrees without spaces, got {0}</source>
        <translation>位置要寫成「緯度,經度」（十進制度數，不加空格），現在是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="79"/>
        <source>latitude {0} is outside -90..90 (is the order lng,lat?)</source>
        <translation>緯度 {0} 超出 -90 至 90（是否寫成了經度,緯度？）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="80"/>
        <source>longitude {0} is outside -180..180</source>
        <translation>經度 {0} 超出 -180 至 180</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="81"/>
        <source>client order id is longer than {0} characters</source>
        <translation>客戶訂單編號超過 {0} 個字元</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="82"/>
        <source>pickup code must be exactly 4 digits, got {0}</source>
        <translation>取貨碼必須是 4 位數字，現在是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="83"/>
        <source>without a pickup code the client order id must be a number of at least 4 digits (Zeek uses its last 4), got {0}</source>
        <translation>沒有取貨碼時，客戶訂單編號必須是最少 4 位的數字（Zeek 會用最後 4 位），現在是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="88"/>
        <source>phone {0} must not include the country code; put it in the country code</source>
        <translation>電話 {0} 不要包括國家代碼；請填在國家代碼欄</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="89"/>
        <source>phone {0} must contain digits only</source>
        <translation>電話 {0} 只可以有數字</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="90"/>
        <source>phone is longer than {0} digits</source>
        <translation>電話超過 {0} 位數字</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="91"/>
        <source>phone {0} must have {1} digits without the country code</source>
        <translation>電話 {0} 要有 {1} 位數字，不用加國家代碼</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="92"/>
        <source>phone {0} must have {1} digits</source>
        <translation>電話 {0} 要有 {1} 位數字</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="93"/>
        <source>country code must be 1-5 digits without &apos;+&apos;, got {0}</source>
        <translation>國家代碼要是 1 至 5 位數字，不用加「+」，現在是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="94"/>
        <source>scheduled time must be more than {0} minutes from now</source>
        <translation>指定時間要在 {0} 分鐘之後</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="95"/>
        <source>scheduled time must be within {0} days from now</source>
        <translation>指定時間要在 {0} 日之內</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="96"/>
        <source>customer name is longer than {0} characters</source>
        <translation>顧客姓名超過 {0} 個字元</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="97"/>
        <source>delivery address is longer than {0} characters</source>
        <translation>送貨地址超過 {0} 個字元</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="98"/>
        <source>remark for the courier is longer than {0} characters</source>
        <translation>給速遞員備註超過 {0} 個字元</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="99"/>
        <source>merchant remark is longer than {0} characters</source>
        <translation>商戶備註超過 {0} 個字元</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="100"/>
        <source>payment type must be 0, 1, 2 or 3, got {0}</source>
        <translation>付款方式必須是 0、1、2 或 3，現在是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="101"/>
        <source>cancel reason is longer than {0} characters</source>
        <translation>取消原因超過 {0} 個字元</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="102"/>
        <source>staff number must be exactly 4 digits, got {0}</source>
        <translation>員工編號必須是 4 位數字，現在是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="104"/>
        <source>Courier for #{0}: {1}</source>
        <translation>#{0} 的速遞費用：{1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="105"/>
        <source>No courier booked for #{0} automatically: {1}</source>
        <translation>未能自動為 #{0} 預約速遞員：{1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="106"/>
        <source>Courier booked for #{0}, pickup code {1}</source>
        <translation>已為 #{0} 預約速遞員，取貨碼 {1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="107"/>
        <source>No partner took pickup code {0}; booked again.</source>
        <translation>取貨碼 {0} 沒有速遞員接單，已重新預約。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="108"/>
        <source>The partner for #{0} is expected {1} min after the food is ready (pickup code {2}).</source>
        <translation>#{0} 的速遞員預計在食物備好後 {1} 分鐘才到（取貨碼 {2}）。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="151"/>
        <source>Zeek did not accept the shop&apos;s login. Ask the manager to check Settings.</source>
        <translation>Zeek 不接受店舖登入資料。請經理檢查設定。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="124"/>
        <source>Zeek did not accept the pickup code. Choose other 4 digits.</source>
        <translation>Zeek 不接受這個取貨碼，請選另外 4 位數字。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="127"/>
        <source>Zeek did not accept the scheduled time. Choose another time.</source>
        <translation>Zeek 不接受這個指定時間，請選另一個時間。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="130"/>
        <source>Zeek does not know this shop. Ask the manager to check the Zeek merchant ID in Settings.</source>
        <translation>Zeek 不認得這間店。請經理在設定檢查 Zeek 商戶編號。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="134"/>
        <source>The address is outside Zeek&apos;s delivery area.</source>
        <translation>這個地址在 Zeek 的送貨範圍以外。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="137"/>
        <source>Zeek already has this booking. Look for it in the list.</source>
        <translation>Zeek 已經有這個預約，請在列表中找找。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="160"/>
        <source>Zeek cannot find this delivery.</source>
        <translation>Zeek 找不到這次外送。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="162"/>
        <source>Zeek did not accept a detail of the booking. Check the fields and try again.</source>
        <translation>Zeek 不接受預約的某項資料。請檢查各欄再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="149"/>
        <source>Zeek is busy. Try again in a moment.</source>
        <translation>Zeek 繁忙中，請稍後再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="155"/>
        <source>Zeek can no longer cancel this delivery (the partner may have the food). Call the partner.</source>
        <translation>Zeek 已不能取消這次外送（速遞員可能已取貨）。請致電速遞員。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="147"/>
        <source>Cannot reach Zeek. Check the internet connection and try again.</source>
        <translation>連接不到 Zeek。請檢查網絡再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="179"/>
        <location filename="../../posapp/ui/delivery/problems.py" line="199"/>
        <source>Zeek refused this. Check the booking and try again.</source>
        <translation>Zeek 拒絕了這個操作。請檢查預約再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="180"/>
        <source>Something went wrong. The details are in the log.</source>
        <translation>出了問題，詳情已記錄在日誌。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/problems.py" line="198"/>
        <source>Zeek did not answer. Check the delivery in the list and try again.</source>
        <translation>Zeek 沒有回應。請在列表檢查這次外送再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tile_map.py" line="68"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/delivery/tile_map.py" line="69"/>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
</context>
<context>
    <name>DeliveryPage</name>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="205"/>
        <source>Zeek couriers</source>
        <translation>Zeek 速遞</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="210"/>
        <source>Zeek app ID</source>
        <translation>Zeek 應用程式 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="211"/>
        <source>Zeek merchant ID</source>
        <translation>Zeek 商戶 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="212"/>
        <source>Zeek API address</source>
        <translation>Zeek API 地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="213"/>
        <source>Zeek app secret</source>
        <translation>Zeek 應用程式密鑰</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="214"/>
        <source>Zeek fee per delivery</source>
        <translation>Zeek 每次運費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="215"/>
        <source>Staff code for Zeek cancellations</source>
        <translation>Zeek 取消用的員工編號</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="216"/>
        <source>Shop location (latitude,longitude)</source>
        <translation>店舖位置（緯度,經度）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="217"/>
        <source>Payment for new bookings</source>
        <translation>新預約的付款方式</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="218"/>
        <source>Book this long before ready</source>
        <translation>備好前多久預約</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="219"/>
        <source>Warn when the partner is late by</source>
        <translation>速遞員遲到多久便提醒</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="222"/>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="225"/>
        <source>Delivery map with street tiles from the internet (off: plain map)</source>
        <translation>外送地圖使用網上街道圖（關閉：簡單地圖）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="226"/>
        <source>Ask Zeek for a price when an own-delivery order is accepted</source>
        <translation>接自送訂單時向 Zeek 查詢運費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="227"/>
        <source>Book a Zeek partner automatically for own-delivery orders</source>
        <translation>自送訂單自動預約 Zeek 速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="228"/>
        <location filename="../../posapp/ui/settings_pages.py" line="231"/>
        <source> min</source>
        <translation> 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="229"/>
        <source>when marked ready</source>
        <translation>標記備好時</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="230"/>
        <source>Book again once when Zeek finds no partner</source>
        <translation>Zeek 找不到速遞員時再預約一次</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="235"/>
        <source>Zeek app ID must be a number (digits only).</source>
        <translation>Zeek 應用程式 ID 必須是數字。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="237"/>
        <source>The Zeek fee must be an amount in dollars, e.g. 38.50, or empty.</source>
        <translation>Zeek 運費必須是以港元計的金額，例如 38.50，或留空。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="239"/>
        <source>The Zeek API address must start with https:// or http://.</source>
        <translation>Zeek API 地址必須以 https:// 或 http:// 開頭。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="242"/>
        <source>The staff code must be 1 to {0} letters or digits.</source>
        <translation>員工編號必須是 1 至 {0} 個字母或數字。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="249"/>
        <source>The shop location must be “latitude,longitude”, e.g. 22.2799,114.1588.</source>
        <translation>店舖位置必須是「緯度,經度」，例如 22.2799,114.1588。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../posapp/ui/errors.py" line="56"/>
        <source>Gateway mode needs a relay URL and store token; calling Keeta directly.</source>
        <translation>閘道模式需要中轉站地址和店舖憑證；現在直接連接 Keeta。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="57"/>
        <source>api_mode must be &apos;direct&apos; or &apos;gateway&apos;, not {0}</source>
        <translation>api_mode 必須是「direct」或「gateway」，不是 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="69"/>
        <source>Keeta says the order has already moved on. Refresh the order and look again.</source>
        <translation>Keeta 表示訂單狀態已改變。請更新訂單再看一次。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="73"/>
        <source>Keeta cannot find this order.</source>
        <translation>Keeta 找不到這張訂單。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="75"/>
        <source>This refund request has already been answered.</source>
        <translation>這個退款申請已經回覆了。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="77"/>
        <source>Those items have already been refunded.</source>
        <translation>這些食品已經退過款。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="79"/>
        <location filename="../../posapp/ui/errors.py" line="110"/>
        <source>Keeta did not accept the shop&apos;s login. Ask the manager to check Settings.</source>
        <translation>Keeta 不接受店舖登入資料。請經理檢查設定。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="83"/>
        <location filename="../../posapp/ui/errors.py" line="114"/>
        <source>Keeta is busy. The app keeps trying.</source>
        <translation>Keeta 繁忙中，程式會繼續嘗試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="95"/>
        <source>Please write a reason when you choose “Other”.</source>
        <translation>選擇「其他」時請寫下原因。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="98"/>
        <source>Something went wrong. The details are in the log.</source>
        <translation>出了問題，詳情已記錄在日誌。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="106"/>
        <source>Cannot reach Keeta. Check the internet connection; the app keeps trying.</source>
        <translation>連接不到 Keeta。請檢查網絡；程式會繼續嘗試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="116"/>
        <location filename="../../posapp/ui/errors.py" line="136"/>
        <source>Keeta refused this. Refresh the order and look again.</source>
        <translation>Keeta 拒絕了這個操作。請更新訂單再看一次。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="117"/>
        <source>Keeta answered something unexpected. Try again.</source>
        <translation>Keeta 回覆異常，請再試一次。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="133"/>
        <source>It could not be sent: Keeta did not answer. Refresh the order and try again.</source>
        <translation>未能傳送：Keeta 沒有回應。請更新訂單再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="141"/>
        <source>The password store found ({0}) keeps passwords in a plain file; posapp does not use it.</source>
        <translation>找到的密碼庫（{0}）以純文字檔案保存密碼；posapp 不會使用。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="144"/>
        <source>No system keyring is available on this computer ({0}).</source>
        <translation>這部電腦沒有可用的系統鑰匙圈（{0}）。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="145"/>
        <source>The password store found ({0}) is not a system keyring.</source>
        <translation>找到的密碼庫（{0}）並非系統鑰匙圈。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="156"/>
        <source>This computer has no password store (system keyring), so passwords and tokens cannot be saved safely. Set one up (Windows Credential Manager, macOS Keychain, or GNOME Keyring / KWallet on Linux), then open Settings again.</source>
        <translation>這部電腦沒有密碼庫（系統鑰匙圈），無法安全儲存密碼和憑證。請先設定一個（Windows 認證管理員、macOS 鑰匙圈，或 Linux 的 GNOME Keyring／KWallet），然後再開啟設定。</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <location filename="../../posapp/ui/exception_dialog.py" line="33"/>
        <source>Something went wrong</source>
        <translation>出了問題</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/exception_dialog.py" line="35"/>
        <source>posapp hit an unexpected problem and kept running. Orders already received are safe.
If something looks wrong, restart posapp. Please send the log to support.</source>
        <translation>posapp 遇到意料之外的問題，但仍在運作。已收到的訂單不會受影響。
如果有地方看來不對，請重新開啟 posapp，並把日誌傳給技術支援。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/exception_dialog.py" line="42"/>
        <source>Open log folder</source>
        <translation>開啟日誌資料夾</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="210"/>
        <source>Set up posapp</source>
        <translation>設定 posapp</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="212"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="213"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="214"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="215"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="220"/>
        <source>Welcome</source>
        <translation>歡迎</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="221"/>
        <source>1. Relay</source>
        <translation>1. 中轉站</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="222"/>
        <source>2. Keeta</source>
        <translation>2. Keeta</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="223"/>
        <source>3. Zeek couriers (optional)</source>
        <translation>3. Zeek 速遞（可選）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="224"/>
        <source>4. Printer</source>
        <translation>4. 打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="225"/>
        <source>5. Sound</source>
        <translation>5. 聲音</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="229"/>
        <source>This computer has no settings yet. How do you want to start?</source>
        <translation>這部電腦還未設定。你想怎樣開始？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="230"/>
        <source>Set up my shop: the relay, Keeta, a printer</source>
        <translation>設定我的店舖：中轉站、Keeta、打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="231"/>
        <source>Try the demo: practice orders, nothing is real</source>
        <translation>試用示範：練習訂單，全部不是真的</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="234"/>
        <source>The relay receives Keeta&apos;s orders for your shop and passes them to this computer. Your shop&apos;s installer gave you its address and a store token.</source>
        <translation>中轉站接收 Keeta 給你店舖的訂單，再轉給這部電腦。安裝人員會給你它的地址和店舖憑證。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="238"/>
        <source>Relay address</source>
        <translation>中轉站地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="239"/>
        <source>Store token</source>
        <translation>店舖憑證</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="241"/>
        <source>From Keeta&apos;s developer portal. Leave the secrets empty when the relay holds them.</source>
        <translation>資料來自 Keeta 開發者平台。如密鑰由中轉站保管，請留空。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="243"/>
        <source>Keeta app ID</source>
        <translation>Keeta 應用程式 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="243"/>
        <source>Keeta shop ID</source>
        <translation>Keeta 店舖 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="243"/>
        <source>Keeta app secret</source>
        <translation>Keeta 應用程式密鑰</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="244"/>
        <source>Keeta access token</source>
        <translation>Keeta 存取憑證</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="247"/>
        <source>Only if the shop books Zeek couriers for its own deliveries.</source>
        <translation>只在店舖自己外送並預約 Zeek 速遞員時才需要。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="248"/>
        <source>Zeek app ID</source>
        <translation>Zeek 應用程式 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="248"/>
        <source>Zeek merchant ID</source>
        <translation>Zeek 商戶 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="248"/>
        <source>Zeek app secret</source>
        <translation>Zeek 應用程式密鑰</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="252"/>
        <source>Add the kitchen or counter printer, then print a test page. You can skip this.</source>
        <translation>加入廚房或櫃檯打印機，然後打印測試頁。可以略過。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="255"/>
        <source>New orders ring. Play the chime and check you can hear it at the counter.</source>
        <translation>新訂單會響鈴。請播放鈴聲，確認在櫃檯聽得到。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="257"/>
        <source>Play the chime</source>
        <translation>播放鈴聲</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="259"/>
        <source>saved in the system keyring</source>
        <translation>儲存在系統鑰匙圈</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="279"/>
        <source>The relay address must start with https:// or http://.</source>
        <translation>中轉站地址必須以 https:// 或 http:// 開頭。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="281"/>
        <source>Type the store token that came with the relay address.</source>
        <translation>請輸入與中轉站地址一起收到的店舖憑證。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="287"/>
        <source>Keeta&apos;s app ID and shop ID are numbers (digits only).</source>
        <translation>Keeta 的應用程式 ID 和店舖 ID 都是數字。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="292"/>
        <source>Zeek&apos;s app ID is a number (digits only).</source>
        <translation>Zeek 的應用程式 ID 是數字。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="294"/>
        <source>Type the merchant ID Zeek gave the shop.</source>
        <translation>請輸入 Zeek 給店舖的商戶 ID。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="304"/>
        <source>Playing…</source>
        <translation>播放中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="310"/>
        <source>The chime did not play: {0}</source>
        <translation>鈴聲未能播放：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/first_run.py" line="313"/>
        <source>The chime played. If you did not hear it, turn the volume up.</source>
        <translation>鈴聲已播放。如果聽不到，請調高音量。</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../posapp/ui/history.py" line="286"/>
        <source>Search: order number, last digits of phone, or item</source>
        <translation>搜尋：單號、電話尾數或食品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="287"/>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="288"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="291"/>
        <source>Orders in the chosen days</source>
        <translation>所選日期的訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="292"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="293"/>
        <source>Yesterday</source>
        <translation>昨日</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="294"/>
        <source>Export (CSV)</source>
        <translation>匯出（CSV）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="295"/>
        <source>Print report</source>
        <translation>列印報表</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="296"/>
        <source>No receipt printer is set up: the report cannot be printed.</source>
        <translation>未設定收據打印機，無法列印報表。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="361"/>
        <source>{0} orders · {1} completed · {2} cancelled · net payout {3}</source>
        <translation>{0} 張訂單 · {1} 完成 · {2} 取消 · 淨收入 {3}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="383"/>
        <source>Export the report</source>
        <translation>匯出報表</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/history.py" line="385"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../posapp/ui/labels.py" line="15"/>
        <source>New</source>
        <translation>新訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="16"/>
        <source>Preparing</source>
        <translation>製作中</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="17"/>
        <location filename="../../posapp/ui/labels.py" line="98"/>
        <source>Ready</source>
        <translation>已備好</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="18"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="19"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="26"/>
        <source>amount unknown</source>
        <translation>金額不明</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="32"/>
        <source>Pickup</source>
        <translation>自取</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="33"/>
        <source>Delivery</source>
        <translation>外送</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="38"/>
        <source>Courier requested</source>
        <translation>已召喚速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="39"/>
        <source>Finding a courier</source>
        <translation>正在找速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="40"/>
        <source>Courier on the way to the shop</source>
        <translation>速遞員正前往店舖</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="41"/>
        <source>Courier at the shop</source>
        <translation>速遞員已到店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="42"/>
        <source>Courier picked up</source>
        <translation>速遞員已取餐</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="43"/>
        <source>Delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="44"/>
        <source>Courier cancelled</source>
        <translation>速遞員已取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="45"/>
        <source>No courier news yet</source>
        <translation>暫無速遞員消息</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="51"/>
        <source>Partial refund request</source>
        <translation>部分退款申請</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="52"/>
        <source>Full refund request</source>
        <translation>全單退款申請</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="57"/>
        <source>Waiting for your answer</source>
        <translation>等待你回覆</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="58"/>
        <source>Agreed</source>
        <translation>已同意</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="59"/>
        <source>Rejected</source>
        <translation>已拒絕</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="60"/>
        <source>Agreed by Keeta (no answer in time)</source>
        <translation>Keeta 已自動同意（逾時未回覆）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="61"/>
        <source>Withdrawn by the customer</source>
        <translation>顧客已撤回</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="69"/>
        <source>Sold out / not enough ingredients</source>
        <translation>售罄／材料不足</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="71"/>
        <source>Shop is closed</source>
        <translation>店舖已關門</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="72"/>
        <source>Too busy / not enough staff</source>
        <translation>太忙／人手不足</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="73"/>
        <location filename="../../posapp/ui/labels.py" line="81"/>
        <location filename="../../posapp/ui/labels.py" line="91"/>
        <source>Other (write a reason)</source>
        <translation>其他（請寫原因）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="79"/>
        <source>The food was already made</source>
        <translation>食物已經做好</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="80"/>
        <source>The courier already left</source>
        <translation>速遞員已經出發</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="87"/>
        <source>Item sold out</source>
        <translation>食品售罄</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="88"/>
        <source>Item missing from the bag</source>
        <translation>袋內漏了食品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="89"/>
        <source>Wrong item given</source>
        <translation>給錯食品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="90"/>
        <source>Food was slow</source>
        <translation>出餐太慢</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="97"/>
        <source>Accept</source>
        <translation>接單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="99"/>
        <source>Picked up</source>
        <translation>已取餐</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="100"/>
        <source>Cancel order</source>
        <translation>取消訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="101"/>
        <source>Agree to refund</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="102"/>
        <source>Reject refund</source>
        <translation>拒絕退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="103"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="105"/>
        <source>Tell Keeta: courier left</source>
        <translation>通知 Keeta：速遞員已出發</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/labels.py" line="106"/>
        <source>Tell Keeta: delivered</source>
        <translation>通知 Keeta：已送達</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../posapp/ui/i18n.py" line="48"/>
        <source>en</source>
        <translation>zh_HK</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="213"/>
        <source>The saved orders could not be read; new orders still arrive.</source>
        <translation>未能讀取已儲存的訂單；新訂單仍會照常送到。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="278"/>
        <source>The store is still paused on Keeta: customers cannot order.</source>
        <translation>店舖在 Keeta 上仍然暫停：顧客無法下單。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="310"/>
        <source>Keeta did not change these items: {0}</source>
        <translation>Keeta 沒有更改這些餐品：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="399"/>
        <source>The Chinese translation could not be loaded.</source>
        <translation>未能載入中文翻譯。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="409"/>
        <source>posapp – Keeta orders</source>
        <translation>posapp – Keeta 訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="410"/>
        <source>Orders</source>
        <translation>訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="411"/>
        <source>Refund desk</source>
        <translation>退款處理</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="412"/>
        <source>History and day report</source>
        <translation>紀錄及日結</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="414"/>
        <location filename="../../posapp/ui/main_window.py" line="449"/>
        <source>Delivery</source>
        <translation>外送</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="415"/>
        <source>DEMO – practice orders, nothing is real</source>
        <translation>示範模式 – 練習訂單，並非真實</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/main_window.py" line="417"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../posapp/app.py" line="210"/>
        <source>Set up Keeta in Settings to receive orders.</source>
        <translation>請在設定填好 Keeta 資料才可以收單。</translation>
    </message>
    <message>
        <location filename="../../posapp/app.py" line="221"/>
        <source>Keeta sign-in expired: ask the owner to re-enter the Keeta token in Settings.</source>
        <translation>Keeta 登入已過期：請老闆喺設定重新輸入 Keeta 存取憑證。</translation>
    </message>
</context>
<context>
    <name>NewOrderCards</name>
    <message>
        <location filename="../../posapp/ui/new_cards.py" line="244"/>
        <source>More new orders ({0}): show them all as a list</source>
        <translation>還有 {0} 張新訂單：以列表顯示全部</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/new_cards.py" line="344"/>
        <source>No new orders. New orders appear here as cards, the most urgent first.</source>
        <translation>暫無新訂單。新訂單會以卡片顯示，最急的排最前。</translation>
    </message>
</context>
<context>
    <name>OpeningDrill</name>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="47"/>
        <source>Keeta is not set up yet</source>
        <translation>未設定 Keeta</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="48"/>
        <source>cannot reach {0}: {1}</source>
        <translation>連接不到 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="49"/>
        <source>{0} answers</source>
        <translation>{0} 有回應</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="50"/>
        <source>no relay set up</source>
        <translation>未設定中轉站</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="51"/>
        <source>not connected yet</source>
        <translation>仍未連線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="52"/>
        <source>cannot reach the relay; the app keeps trying. Check the shop&apos;s internet connection.</source>
        <translation>無法連接中轉站，程式會繼續重試。請檢查店舖的網絡連線。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="55"/>
        <source>the relay refused this store&apos;s token</source>
        <translation>中轉站不接受這間店的憑證</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="56"/>
        <source>connected</source>
        <translation>已連線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="57"/>
        <source>no printer set up</source>
        <translation>未設定打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="58"/>
        <source>test page sent to {0}</source>
        <translation>測試頁已送往 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="59"/>
        <source>Chime played: you should have heard it.</source>
        <translation>已播放提示聲：你應該聽到。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="60"/>
        <source>The chime did not play: {0}. Alerts are visual only.</source>
        <translation>提示音未能播放：{0}。只會以畫面提示。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="61"/>
        <source>Speech, USB printing and languages are in order</source>
        <translation>語音、USB 打印及語言均正常</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="62"/>
        <source>Part of this installation is missing ({0}): reinstall posapp</source>
        <translation>此安裝缺少部分元件（{0}）：請重新安裝 posapp</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="63"/>
        <source>not checked</source>
        <translation>未檢查</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="64"/>
        <source>passwords are kept in the system keyring ({0})</source>
        <translation>密碼保存在系統鑰匙圈（{0}）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="65"/>
        <source>The password store found ({0}) keeps passwords in a plain file; posapp does not use it.</source>
        <translation>找到的密碼庫（{0}）以純文字檔案保存密碼；posapp 不會使用。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="69"/>
        <source>No system keyring is available on this computer ({0}).</source>
        <translation>這部電腦沒有可用的系統鑰匙圈（{0}）。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="70"/>
        <source>The password store found ({0}) is not a system keyring.</source>
        <translation>找到的密碼庫（{0}）並非系統鑰匙圈。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="71"/>
        <source>Set up the system keyring (Windows Credential Manager, macOS Keychain, or GNOME Keyring / KWallet), then try again.</source>
        <translation>請設定系統鑰匙圈（Windows 認證管理員、macOS 鑰匙圈，或 GNOME Keyring / KWallet），然後再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="135"/>
        <source>checking…</source>
        <translation>檢查中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="146"/>
        <source>Try again</source>
        <translation>再試一次</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="147"/>
        <source>Open settings</source>
        <translation>開啟設定</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="148"/>
        <source>Reconnect</source>
        <translation>重新連線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="149"/>
        <source>Use visual alerts</source>
        <translation>只用畫面提示</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="179"/>
        <source>Opening check</source>
        <translation>開店檢查</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="181"/>
        <source>Store online</source>
        <translation>店舖上線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="182"/>
        <source>Relay connected</source>
        <translation>中轉站連線</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="183"/>
        <source>Password store</source>
        <translation>密碼庫</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="184"/>
        <source>Printer test</source>
        <translation>打印機測試</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="185"/>
        <source>Sound test</source>
        <translation>聲音測試</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="186"/>
        <source>This computer</source>
        <translation>本電腦</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/opening_drill.py" line="191"/>
        <source>Start the day</source>
        <translation>開始營業</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="138"/>
        <source>Refresh from Keeta</source>
        <translation>從 Keeta 更新</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="141"/>
        <source>Preparation time (minutes)</source>
        <translation>準備時間（分鐘）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="174"/>
        <source>{0}: needs you to check.</source>
        <translation>{0}：需要你查看。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="176"/>
        <source>{0}: sending…</source>
        <translation>{0}：傳送中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="179"/>
        <source>{0} did not go through: {1}</source>
        <translation>{0} 未成功：{1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="182"/>
        <source>{0}: done.</source>
        <translation>{0}：完成。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="221"/>
        <source>Cancel order {0}</source>
        <translation>取消訂單 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="222"/>
        <source>Cancel order {0}? The customer is told and refunded by Keeta.</source>
        <translation>取消訂單 {0}？Keeta 會通知顧客並退款。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="237"/>
        <source>Reject refund for {0}</source>
        <translation>拒絕 {0} 的退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="238"/>
        <source>Reject the customer&apos;s refund request for {0}?</source>
        <translation>拒絕顧客對 {0} 的退款申請？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="224"/>
        <source>Yes, cancel the order</source>
        <translation>確定取消訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="135"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="139"/>
        <source>Ready in</source>
        <translation>備餐時間</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="140"/>
        <source>min</source>
        <translation>分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="240"/>
        <source>Yes, reject the refund</source>
        <translation>確定拒絕退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_actions.py" line="281"/>
        <source>Could not refresh from Keeta; showing the last copy.</source>
        <translation>未能從 Keeta 更新，顯示上一次的資料。</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <location filename="../../posapp/ui/detail.py" line="84"/>
        <source>Touch an order on the left to see it here.</source>
        <translation>按左邊的訂單，在這裏查看詳情。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="185"/>
        <source>Items ({0})</source>
        <translation>食品（{0} 件）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="191"/>
        <source>Cutlery requested</source>
        <translation>需要餐具</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="193"/>
        <source>No cutlery</source>
        <translation>不要餐具</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="195"/>
        <source>Customer note: {0}</source>
        <translation>顧客備註：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="202"/>
        <location filename="../../posapp/ui/detail.py" line="205"/>
        <location filename="../../posapp/ui/detail.py" line="215"/>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="206"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="210"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="214"/>
        <source>Courier</source>
        <translation>速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="77"/>
        <source>Order details</source>
        <translation>訂單詳情</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="158"/>
        <source>Keeta details</source>
        <translation>Keeta 資料</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="163"/>
        <source>Zeek courier</source>
        <translation>Zeek 速遞</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="202"/>
        <source>hidden by Keeta for its own courier</source>
        <translation>Keeta 自家速遞，已隱藏</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="219"/>
        <source>Items</source>
        <translation>食品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="221"/>
        <source>Packaging</source>
        <translation>包裝費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="222"/>
        <source>Delivery fee</source>
        <translation>運費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="223"/>
        <source>Platform fee</source>
        <translation>平台費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="224"/>
        <source>Small-order fee</source>
        <translation>小額訂單附加費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="225"/>
        <source>Discounts</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="226"/>
        <source>Courier tip</source>
        <translation>速遞員小費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="234"/>
        <source>Customer paid</source>
        <translation>顧客已付</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="237"/>
        <source>Shop receives</source>
        <translation>店舖實收</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="238"/>
        <source>Money</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="241"/>
        <source>Order placed</source>
        <translation>落單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="243"/>
        <source>Keeta expects it ready</source>
        <translation>Keeta 預計備好</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/detail.py" line="254"/>
        <source>Timeline (local time, placed {0})</source>
        <translation>時間線（本地時間，{0} 落單）</translation>
    </message>
</context>
<context>
    <name>OrderFacts</name>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="29"/>
        <source>Keeta&apos;s system</source>
        <translation>Keeta 系統</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="30"/>
        <source>the customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="31"/>
        <source>the shop</source>
        <translation>本店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="32"/>
        <source>Keeta customer service</source>
        <translation>Keeta 客服</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="33"/>
        <source>someone at Keeta</source>
        <translation>Keeta 方面</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="34"/>
        <source>Keeta</source>
        <translation>Keeta</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="42"/>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="44"/>
        <source>Keeta expects delivery by</source>
        <translation>Keeta 預計送達</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="46"/>
        <source>Customer comes at about</source>
        <translation>顧客約於此時取餐</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="48"/>
        <source>Cancelled by {0}</source>
        <translation>由{0}取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="49"/>
        <source>no reason given</source>
        <translation>沒有說明原因</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="53"/>
        <source>Courier</source>
        <translation>速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="55"/>
        <source>Delivery part (big order)</source>
        <translation>分單（大訂單）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="67"/>
        <source>{0} (customer appealed)</source>
        <translation>{0}（顧客已申訴）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="72"/>
        <source>{0} by {1}</source>
        <translation>{0}（由{1}決定）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="81"/>
        <source>Zeek</source>
        <translation>Zeek</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="82"/>
        <source>Pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="87"/>
        <source>Partner</source>
        <translation>速遞員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="90"/>
        <source>Pickup asked for</source>
        <translation>要求取貨時間</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="93"/>
        <source>Delivery asked for</source>
        <translation>要求送達時間</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="98"/>
        <source>{0} by road ({1} direct)</source>
        <translation>路程 {0}（直線 {1}）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="101"/>
        <source>Distance</source>
        <translation>距離</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="103"/>
        <source>Cancellation</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/order_facts.py" line="105"/>
        <source>Zeek&apos;s page</source>
        <translation>Zeek 頁面</translation>
    </message>
</context>
<context>
    <name>PartialRefundDialog</name>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="152"/>
        <source>Partial refund for {0}</source>
        <translation>{0} 部分退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="153"/>
        <source>Order {0}</source>
        <translation>訂單 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="155"/>
        <source>{0} · placed {1} · customer paid {2} · Keeta order {3}</source>
        <translation>{0} · {1} 落單 · 客人已付 {2} · Keeta 訂單 {3}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="162"/>
        <source>1. How many of each item to refund?</source>
        <translation>1. 每款食品退多少？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="163"/>
        <source>2. Why?</source>
        <translation>2. 原因？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="164"/>
        <source>3. Check the amount, then refund.</source>
        <translation>3. 核對金額，然後退款。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="165"/>
        <source>Item</source>
        <translation>食品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="165"/>
        <source>Bought</source>
        <translation>已買</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="165"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="172"/>
        <source>Write the reason the customer will see</source>
        <translation>寫下顧客會看到的原因</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="174"/>
        <source>Ask Keeta again</source>
        <translation>再問 Keeta</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="251"/>
        <source>Choose how many of an item to refund.</source>
        <translation>請選擇要退多少件。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="257"/>
        <source>bought {0}</source>
        <translation>買了 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="259"/>
        <source>checking…</source>
        <translation>查詢中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="261"/>
        <source>all refunded</source>
        <translation>已全部退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="263"/>
        <source>{0} can be refunded</source>
        <translation>可退 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="268"/>
        <source>Refund to the customer: {0}</source>
        <translation>退給客人：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="306"/>
        <source>Asking Keeta for the amount…</source>
        <translation>正向 Keeta 查詢金額…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="332"/>
        <source>Keeta will refund the customer {0}. Press “Refund” to send it.</source>
        <translation>Keeta 會退 {0} 給客人。按「退款」送出。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="173"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/partial_refund.py" line="165"/>
        <location filename="../../posapp/ui/partial_refund.py" line="175"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
</context>
<context>
    <name>PaymentWords</name>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="12"/>
        <source>Apple Pay</source>
        <translation>Apple Pay</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="13"/>
        <source>Google Pay</source>
        <translation>Google Pay</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="14"/>
        <source>Octopus</source>
        <translation>八達通</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="15"/>
        <location filename="../../posapp/ui/payment_words.py" line="16"/>
        <source>Credit Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="17"/>
        <source>AlipayHK</source>
        <translation>支付寶香港</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="18"/>
        <source>Alipay</source>
        <translation>支付寶</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="19"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="20"/>
        <source>WeChat Pay HK</source>
        <translation>微信支付香港</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="21"/>
        <source>PayMe</source>
        <translation>PayMe</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/payment_words.py" line="22"/>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../posapp/ui/photos.py" line="42"/>
        <source>No photos</source>
        <translation>沒有相片</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/photos.py" line="45"/>
        <source>Loading photo…</source>
        <translation>載入相片中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/photos.py" line="76"/>
        <source>Photo could not be loaded</source>
        <translation>未能載入相片</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="112"/>
        <source>Keeta and relay</source>
        <translation>Keeta 及中轉站</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="117"/>
        <source>Platform calls</source>
        <translation>平台連線方式</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="118"/>
        <location filename="../../posapp/ui/settings_pages.py" line="139"/>
        <source>Keeta app ID</source>
        <translation>Keeta 應用程式 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="119"/>
        <location filename="../../posapp/ui/settings_pages.py" line="140"/>
        <source>Keeta shop ID</source>
        <translation>Keeta 店舖 ID</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="120"/>
        <source>Keeta API address</source>
        <translation>Keeta API 地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="121"/>
        <source>Relay address</source>
        <translation>中轉站地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="122"/>
        <source>Keeta app secret</source>
        <translation>Keeta 應用程式密鑰</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="123"/>
        <source>Keeta access token</source>
        <translation>Keeta 存取憑證</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="124"/>
        <source>Keeta refresh token</source>
        <translation>Keeta 更新憑證</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="125"/>
        <source>Relay store token</source>
        <translation>中轉站店舖憑證</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="131"/>
        <source>From this computer (secrets here)</source>
        <translation>由這部電腦直接連線（密鑰在這裡）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="132"/>
        <source>Through the relay (secrets on the relay)</source>
        <translation>經中轉站連線（密鑰在中轉站）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="136"/>
        <source>saved in the system keyring</source>
        <translation>儲存在系統鑰匙圈</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="142"/>
        <source>{0} must be a number (digits only).</source>
        <translation>{0} 必須是數字。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="144"/>
        <source>The Keeta API address must start with https:// or http://.</source>
        <translation>Keeta API 地址必須以 https:// 或 http:// 開頭。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="146"/>
        <source>The relay address must start with https:// or http://.</source>
        <translation>中轉站地址必須以 https:// 或 http:// 開頭。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_pages.py" line="148"/>
        <source>Calls through the relay need the relay address.</source>
        <translation>經中轉站連線需要填寫中轉站地址。</translation>
    </message>
</context>
<context>
    <name>PrintStateBadge</name>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="51"/>
        <source>Tickets: check the printer – did it print?</source>
        <translation>單據：請查看打印機 — 有沒有印出？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="53"/>
        <source>Tickets printed ✔</source>
        <translation>單據已打印 ✔</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="57"/>
        <source>Tickets waiting for printer {0}</source>
        <translation>單據等待打印機 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="58"/>
        <source>Printing tickets…</source>
        <translation>正在打印單據…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="59"/>
        <source>Tickets not printed</source>
        <translation>單據未打印</translation>
    </message>
</context>
<context>
    <name>PrinterAlert</name>
    <message>
        <location filename="../../posapp/ui/printing/alert.py" line="37"/>
        <source>Printer {0} is not printing – check its power, paper and cable. {1} ticket(s) waiting.</source>
        <translation>打印機 {0} 無法打印 — 請檢查電源、紙卷及線路。{1} 張單據等待中。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/alert.py" line="41"/>
        <source>Its tickets print on {0} meanwhile.</source>
        <translation>期間其單據改由 {0} 打印。</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsPage</name>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="83"/>
        <source>Printers</source>
        <translation>打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="86"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="87"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="88"/>
        <source>Chinese text</source>
        <translation>中文字</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="89"/>
        <source>Prints</source>
        <translation>打印內容</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="90"/>
        <source>If down, use</source>
        <translation>故障時改用</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="91"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="92"/>
        <source>Copies</source>
        <translation>份數</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="95"/>
        <source>Add printer</source>
        <translation>新增打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="96"/>
        <source>Remove printer</source>
        <translation>移除打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="97"/>
        <source>Print test page</source>
        <translation>打印測試頁</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="98"/>
        <source>Print the kitchen ticket when an order is accepted</source>
        <translation>接單時打印廚房單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="99"/>
        <source>Print the customer receipt when an order is accepted</source>
        <translation>接單時打印顧客收據</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="100"/>
        <source>Print a CANCELLED slip in the kitchen</source>
        <translation>在廚房打印「已取消」單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="101"/>
        <source>Print a REFUND slip at the counter when a refund is agreed</source>
        <translation>同意退款時在櫃檯打印「退款」單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="102"/>
        <source>Address, for example: {0}</source>
        <translation>地址例子：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="146"/>
        <source>Kitchen</source>
        <translation>廚房</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="146"/>
        <source>Printer {0}</source>
        <translation>打印機 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="117"/>
        <source>Big5 (Hong Kong)</source>
        <translation>Big5（香港）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="118"/>
        <source>As a picture (any printer)</source>
        <translation>以圖像打印（適用任何打印機）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="121"/>
        <source>Kitchen and receipts</source>
        <translation>廚房單及收據</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="121"/>
        <source>Kitchen tickets</source>
        <translation>廚房單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="122"/>
        <source>Customer receipts</source>
        <translation>顧客收據</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="188"/>
        <source>Every printer needs a name.</source>
        <translation>每部打印機都要有名稱。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="190"/>
        <source>Two printers are called “{0}”; give each its own name.</source>
        <translation>有兩部打印機同叫「{0}」，請各自改用不同名稱。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="194"/>
        <location filename="../../posapp/ui/printing/settings_page.py" line="234"/>
        <source>The address of “{0}” is not a printer address.</source>
        <translation>「{0}」的地址不是有效的打印機地址。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="197"/>
        <source>“{0}” should fall back to another printer in this list, not “{1}”.</source>
        <translation>「{0}」故障時應改用清單中的另一部打印機，而不是「{1}」。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="227"/>
        <source>Choose a printer in the list first.</source>
        <translation>請先在清單中選擇打印機。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="237"/>
        <source>Printing the test page on {0}…</source>
        <translation>正在 {0} 打印測試頁…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="242"/>
        <source>The test page did not print: {0}</source>
        <translation>測試頁未能打印：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/settings_page.py" line="250"/>
        <source>Test page sent to {0}. If its Chinese line reads 香港茶餐廳 叉燒飯 測試, keep this setting; if not, try another “Chinese text” choice.</source>
        <translation>測試頁已送到 {0}。如中文一行印出「香港茶餐廳 叉燒飯 測試」，請保留此設定；否則請改選另一個「中文字」選項。</translation>
    </message>
</context>
<context>
    <name>PrintingScreens</name>
    <message>
        <location filename="../../posapp/ui/printing/hookup.py" line="70"/>
        <source>Printer {0}: a ticket may not have printed. Look at the printer and answer in the order.</source>
        <translation>打印機 {0}：有單據可能未印出。請查看打印機，並在訂單內回覆。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="144"/>
        <source>Why?</source>
        <translation>原因？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="145"/>
        <source>Write the reason the customer will see</source>
        <translation>寫下顧客會看到的原因</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="147"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="146"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="133"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="148"/>
        <source>Change reason</source>
        <translation>更改原因</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="119"/>
        <source>Choose a reason.</source>
        <translation>請選擇原因。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/reason_dialog.py" line="121"/>
        <source>“Other” needs a written reason.</source>
        <translation>「其他」需要寫下原因。</translation>
    </message>
</context>
<context>
    <name>RefundDesk</name>
    <message>
        <location filename="../../posapp/ui/refund_desk.py" line="74"/>
        <source>Refund requests</source>
        <translation>退款申請</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/refund_desk.py" line="86"/>
        <source>No refund requests waiting.</source>
        <translation>沒有待處理的退款申請。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/refund_desk.py" line="86"/>
        <source>{0} waiting</source>
        <translation>{0} 個待處理</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/refund_desk.py" line="118"/>
        <source>Choose a request on the left.</source>
        <translation>請在左邊選擇申請。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/refund_desk.py" line="129"/>
        <source>Amount: {0} (order total {1})</source>
        <translation>金額：{0}（訂單總額 {1}）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/refund_desk.py" line="133"/>
        <source>Customer&apos;s reason: {0}</source>
        <translation>顧客原因：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/refund_desk.py" line="134"/>
        <source>Asked at {0}</source>
        <translation>申請時間 {0}</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../posapp/ui/errors.py" line="29"/>
        <source>There is no refund request waiting for an answer.</source>
        <translation>沒有待回覆的退款申請。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="30"/>
        <source>This order is cancelled.</source>
        <translation>這張訂單已取消。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="31"/>
        <source>This order is already completed.</source>
        <translation>這張訂單已完成。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="32"/>
        <source>This order has already been accepted.</source>
        <translation>這張訂單已經接了。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="33"/>
        <source>Accept the order before marking it ready.</source>
        <translation>請先接單，再標示已備好。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="34"/>
        <source>This order is already marked ready.</source>
        <translation>這張訂單已標示備好。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="35"/>
        <source>Only pickup orders are handed over at the counter.</source>
        <translation>只有自取訂單在櫃檯交收。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="36"/>
        <source>Mark the order ready before the customer picks it up.</source>
        <translation>顧客取餐前請先標示已備好。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="37"/>
        <source>This action is not available.</source>
        <translation>這個操作不適用。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="38"/>
        <source>Accept the order before refunding items.</source>
        <translation>請先接單，再退食品。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="39"/>
        <source>Answer the customer&apos;s refund request first.</source>
        <translation>請先回覆顧客的退款申請。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="40"/>
        <source>The order has been delivered; items can no longer be refunded here.</source>
        <translation>訂單已送達，不能再在這裡退食品。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="41"/>
        <source>Choose at least one item and a count above zero.</source>
        <translation>請選擇最少一件食品，數量要大於零。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="42"/>
        <source>This order is not in the app yet; refresh and try again.</source>
        <translation>程式內還沒有這張訂單，請更新後再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="43"/>
        <source>Please write a reason when you choose “Other”.</source>
        <translation>選擇「其他」時請寫下原因。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="44"/>
        <source>Keeta allows cancelling a completed order only within 48 hours.</source>
        <translation>Keeta 只容許在訂單完成後 48 小時內取消。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/errors.py" line="45"/>
        <source>Preparation time must be 5 to 90 minutes.</source>
        <translation>準備時間必須為 5 至 90 分鐘。</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="76"/>
        <source>Orders</source>
        <translation>訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="77"/>
        <source>Gross food sales</source>
        <translation>食品銷售總額</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="78"/>
        <source>Packaging fees</source>
        <translation>包裝費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="79"/>
        <source>Discounts funded by the shop</source>
        <translation>商戶出資折扣</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="80"/>
        <source>Keeta commission</source>
        <translation>Keeta 佣金</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="81"/>
        <source>Platform service fees</source>
        <translation>平台服務費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="82"/>
        <source>Bank fees</source>
        <translation>銀行手續費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="83"/>
        <source>Keeta pays the shop</source>
        <translation>Keeta 應付商戶</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="84"/>
        <source>Full refunds</source>
        <translation>全單退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="85"/>
        <source>Partial refunds</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="86"/>
        <source>Refunds taken off</source>
        <translation>扣除退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="87"/>
        <source>Net payout</source>
        <translation>淨收入</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="88"/>
        <source>Zeek delivery fees</source>
        <translation>Zeek 運費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="89"/>
        <source>Net after delivery</source>
        <translation>扣除運費後淨收入</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="90"/>
        <source>Discounts funded by Keeta</source>
        <translation>Keeta 出資折扣</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="91"/>
        <source>Courier tips</source>
        <translation>速遞員小費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="92"/>
        <source>Delivery fees paid by customers</source>
        <translation>顧客支付的運費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="93"/>
        <source>Platform fees paid by customers</source>
        <translation>顧客支付的平台費</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="97"/>
        <source>Not the shop&apos;s takings:</source>
        <translation>不計入商戶收入：</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="115"/>
        <source>{0} to {1}</source>
        <translation>{0} 至 {1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="116"/>
        <source>Money report · {0}</source>
        <translation>營業報表 · {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="121"/>
        <source>{0} ({1} done, {2} cancelled)</source>
        <translation>{0}（{1} 完成，{2} 取消）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="152"/>
        <source>Amount unknown for {0} order(s), left out of the figures — check them in Keeta: {1}</source>
        <translation>{0} 張訂單金額不明，未計入數字 — 請在 Keeta 核對：{1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/report_view.py" line="160"/>
        <source>{0} · {1}</source>
        <translation>{0} 次 · {1}</translation>
    </message>
</context>
<context>
    <name>ReprintPanel</name>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="105"/>
        <source>Reprint kitchen ticket</source>
        <translation>重印廚房單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="106"/>
        <source>Reprint receipt</source>
        <translation>重印收據</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="107"/>
        <source>It printed</source>
        <translation>已印出</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="108"/>
        <source>Print it again</source>
        <translation>再印一次</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="128"/>
        <source>Did it print? {0} (printer {1})</source>
        <translation>有沒有印出？{0}（打印機 {1}）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="140"/>
        <source>kitchen ticket</source>
        <translation>廚房單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="141"/>
        <source>receipt</source>
        <translation>收據</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="142"/>
        <source>cancel slip</source>
        <translation>取消單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="144"/>
        <source>refund slip</source>
        <translation>退款單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="145"/>
        <source>courier slip</source>
        <translation>速遞單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="146"/>
        <source>unaccepted-order slip</source>
        <translation>未接訂單單據</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/order_panel.py" line="143"/>
        <source>test page</source>
        <translation>測試頁</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="160"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="161"/>
        <source>Settings pages</source>
        <translation>設定頁</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="162"/>
        <source>Printers</source>
        <translation>打印機</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="170"/>
        <source>First-run setup…</source>
        <translation>首次設定…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="171"/>
        <source>Close without saving</source>
        <translation>關閉（不儲存）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="172"/>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="172"/>
        <source>Saving…</source>
        <translation>儲存中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/settings_dialog.py" line="210"/>
        <source>The password store did not save the new passwords and tokens: it may be locked or busy.
Nothing is saved yet. Save again to keep the other settings without them, or close without saving.</source>
        <translation>密碼庫未能儲存新的密碼和憑證：它可能已鎖上或正忙。
暫時未儲存任何設定。再按「儲存」可保留其他設定（不包括新的密碼和憑證），或關閉（不儲存）。</translation>
    </message>
</context>
<context>
    <name>SoldOutDialog</name>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="192"/>
        <source>sending…</source>
        <translation>傳送中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="194"/>
        <source>SOLD OUT – tap to put back</source>
        <translation>已售罄 – 按一下恢復供應</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="196"/>
        <source>on sale – tap to mark sold out</source>
        <translation>供應中 – 按一下設為售罄</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="212"/>
        <source>Putting it back on sale…</source>
        <translation>正在恢復供應…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="225"/>
        <source>Asking Keeta about choice groups…</source>
        <translation>正在向 Keeta 查詢選項組…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="231"/>
        <source>Keeta could not be asked whether a choice group would be left empty.</source>
        <translation>無法向 Keeta 查詢選項組會否變空。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="240"/>
        <source>Marking this sold out leaves choice group {0} with nothing to choose: dishes that need it cannot be ordered.</source>
        <translation>設為售罄後，選項組 {0} 將沒有可選項目：需要它的餐品將無法下單。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="251"/>
        <source>Marking it sold out on Keeta…</source>
        <translation>正在於 Keeta 設為售罄…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="266"/>
        <source>Putting today&apos;s sold-out items back on sale…</source>
        <translation>正在恢復今日所有售罄餐品…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="272"/>
        <source>Putting every brand&apos;s sold-out items back on sale…</source>
        <translation>正在把所有品牌的售罄項目恢復供應…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="279"/>
        <source>Keeta did not take the change for: {0}</source>
        <translation>Keeta 沒有接受以下更改：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="281"/>
        <source>Done, except (Keeta refused): {0}</source>
        <translation>已完成，但 Keeta 拒絕了：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="283"/>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="302"/>
        <source>Sold-out items</source>
        <translation>售罄餐品</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="303"/>
        <source>Search items (English or 中文)</source>
        <translation>搜尋餐品（英文或中文）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="304"/>
        <source>Sold out today (marked here)</source>
        <translation>今日售罄（在此設定）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="305"/>
        <source>Mark anyway</source>
        <translation>仍然設為售罄</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="306"/>
        <source>Keep on sale</source>
        <translation>保持供應</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="148"/>
        <source>Put all back on sale</source>
        <translation>全部恢復供應</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="146"/>
        <source>Put all of {0} back on sale</source>
        <translation>{0} 全部恢復供應</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="308"/>
        <source>All brands back on sale</source>
        <translation>所有品牌恢復供應</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_dialog.py" line="309"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>SoldOutOffer</name>
    <message>
        <location filename="../../posapp/ui/sold_out_offer.py" line="50"/>
        <source>Mark sold out?</source>
        <translation>設為售罄？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_offer.py" line="51"/>
        <source>Not enough ingredients: mark these items sold out on Keeta?</source>
        <translation>材料不足：要在 Keeta 將這些餐品設為售罄嗎？</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_offer.py" line="52"/>
        <source>Not now</source>
        <translation>暫時不用</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/sold_out_offer.py" line="53"/>
        <source>Mark sold out</source>
        <translation>設為售罄</translation>
    </message>
</context>
<context>
    <name>StationSettings</name>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="88"/>
        <source>Kitchen stations</source>
        <translation>廚房工作站</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="91"/>
        <source>Give kitchen printers a station in the list above; every kitchen printer prints, a station printer only the items sent to it here. Match an item code, a name, or a category as a code prefix ending in * (DRINK-*). Items no rule sends anywhere print on the printers without a station.</source>
        <translation>在上面的列表為廚房打印機設定工作站；每部廚房打印機都會打印，有工作站的打印機只打印這裏分配給它的貨品。可按貨品編號、名稱，或以 * 結尾的編號前綴作類別（DRINK-*）配對。沒有規則分配的貨品會在沒有工作站的打印機打印。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="97"/>
        <source>Item code, name or category</source>
        <translation>貨品編號、名稱或類別</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="97"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="98"/>
        <source>Add rule</source>
        <translation>加入規則</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="99"/>
        <source>Remove rule</source>
        <translation>刪除規則</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="100"/>
        <source>Test print at station</source>
        <translation>在工作站測試打印</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="102"/>
        <source>Print an UNACCEPTED ORDER slip in the kitchen after this many minutes (0: never)</source>
        <translation>新訂單未接多少分鐘後在廚房打印「未接訂單」單（0：不打印）</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="104"/>
        <source> min</source>
        <translation> 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="164"/>
        <source>Each rule needs an item (or category) and a station.</source>
        <translation>每條規則都要有貨品（或類別）和工作站。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="166"/>
        <source>No kitchen printer is at station “{0}”; set one in the printer list.</source>
        <translation>工作站「{0}」沒有廚房打印機；請在打印機列表設定。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="188"/>
        <source>Give a kitchen printer a station first.</source>
        <translation>請先為廚房打印機設定工作站。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="194"/>
        <source>A printer at station “{0}” has no valid address.</source>
        <translation>工作站「{0}」的打印機地址無效。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="198"/>
        <source>Printing a test at station {0}…</source>
        <translation>正在工作站 {0} 測試打印…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="204"/>
        <source>The station test did not print: {0}</source>
        <translation>工作站測試未能打印：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/printing/stations.py" line="209"/>
        <source>Test sent to station {0} ({1}).</source>
        <translation>已發送測試到工作站 {0}（{1}）。</translation>
    </message>
</context>
<context>
    <name>StatusWords</name>
    <message>
        <location filename="../../posapp/ui/status_words.py" line="19"/>
        <source>just now</source>
        <translation>剛剛</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/status_words.py" line="20"/>
        <source>{0} min</source>
        <translation>{0} 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/status_words.py" line="26"/>
        <source>Ready – waiting for the customer</source>
        <translation>已備好 – 等客人取餐</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/status_words.py" line="28"/>
        <source>Ready – {0}</source>
        <translation>已備好 – {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/status_words.py" line="31"/>
        <source>Ready – waiting for the courier</source>
        <translation>已備好 – 等送餐員</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/status_words.py" line="36"/>
        <source>Keeta expects it ready by {0}</source>
        <translation>Keeta 預計 {0} 前備好</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <location filename="../../posapp/ui/stepper.py" line="132"/>
        <source>value</source>
        <translation>數值</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/stepper.py" line="134"/>
        <source>Less: {0}</source>
        <translation>減少：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/stepper.py" line="135"/>
        <source>More: {0}</source>
        <translation>增加：{0}</translation>
    </message>
</context>
<context>
    <name>StoreStatus</name>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="38"/>
        <source>Paused until you reopen</source>
        <translation>暫停接單，直至重新開店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="40"/>
        <source>Paused until {0}</source>
        <translation>暫停接單至 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="44"/>
        <source>still paused at closing time</source>
        <translation>收舖時間仍在暫停</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="46"/>
        <source>paused a long time</source>
        <translation>已暫停很久</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="48"/>
        <source>Store open</source>
        <translation>營業中</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="50"/>
        <source>Closed by Keeta</source>
        <translation>Keeta 已關店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="52"/>
        <location filename="../../posapp/ui/store_status.py" line="81"/>
        <source>Store status unknown</source>
        <translation>店舖狀態未知</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="54"/>
        <location filename="../../posapp/ui/store_status.py" line="85"/>
        <source>sending…</source>
        <translation>傳送中…</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="64"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="74"/>
        <source>All brands open</source>
        <translation>所有品牌營業中</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="79"/>
        <source>{0} brands paused</source>
        <translation>{0} 個品牌暫停接單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="83"/>
        <source>{0} brands not open</source>
        <translation>{0} 個品牌未營業</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="280"/>
        <source>Keeta did not answer the last pause or reopen. Try again.</source>
        <translation>Keeta 沒有回覆剛才的暫停或重開，請再試。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="283"/>
        <source>Keeta refused the last pause or reopen. The details are in the log.</source>
        <translation>Keeta 拒絕了剛才的暫停或重開，詳情見記錄。</translation>
    </message>
</context>
<context>
    <name>StoreStatusButton</name>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="245"/>
        <source>All brands</source>
        <translation>所有品牌</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="252"/>
        <source>Pause 15 minutes</source>
        <translation>暫停接單 15 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="253"/>
        <source>Pause 30 minutes</source>
        <translation>暫停接單 30 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="254"/>
        <source>Pause 60 minutes</source>
        <translation>暫停接單 60 分鐘</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="255"/>
        <source>Pause until I reopen</source>
        <translation>暫停接單，直至我重新開店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="260"/>
        <source>Reopen now</source>
        <translation>立即重新開店</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/store_status.py" line="261"/>
        <source>Sold-out items…</source>
        <translation>售罄餐品…</translation>
    </message>
</context>
<context>
    <name>UnclearAction</name>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="58"/>
        <source>It went through</source>
        <translation>已經成功</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="59"/>
        <source>Send again</source>
        <translation>再送一次</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="65"/>
        <source>The answer to “{0}” was lost. Check the order in the Keeta app, then tell us.</source>
        <translation>「{0}」的回覆遺失了。請先在 Keeta 應用程式查看這張訂單，再告訴我們結果。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="69"/>
        <source>You asked: {0}</source>
        <translation>你要求：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="70"/>
        <source>Keeta shows: {0}</source>
        <translation>Keeta 顯示：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="90"/>
        <source>item {0}</source>
        <translation>項目 {0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="100"/>
        <source>{0} of {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="105"/>
        <source>nothing — Keeta could not be reached to check.</source>
        <translation>未能查看 — 無法連接 Keeta。</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="109"/>
        <source>order is “{0}”</source>
        <translation>訂單狀態為「{0}」</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="113"/>
        <source>refund request is “{0}”</source>
        <translation>退款申請為「{0}」</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="118"/>
        <source>no new partial refund</source>
        <translation>沒有新的部分退款</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="121"/>
        <source>a new partial refund of {0}</source>
        <translation>一筆新的部分退款：{0}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="128"/>
        <source>{0}: {1} refundable before, {2} now</source>
        <translation>{0}：之前可退 {1}，現在可退 {2}</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unclear_action.py" line="132"/>
        <source>nothing that settles it.</source>
        <translation>未有足以判斷的資料。</translation>
    </message>
</context>
<context>
    <name>UnreadNotice</name>
    <message>
        <location filename="../../posapp/ui/unread_notice.py" line="46"/>
        <source>Checked – dismiss</source>
        <translation>已查看 – 關閉</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unread_notice.py" line="55"/>
        <source>1 {0} event could not be read — order {1}, check it in {0}</source>
        <translation>1 個 {0} 事件無法讀取 — 訂單 {1}，請在 {0} 查看</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unread_notice.py" line="58"/>
        <source>1 {0} event could not be read — check the latest orders in {0}</source>
        <translation>1 個 {0} 事件無法讀取 — 請在 {0} 查看最新訂單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unread_notice.py" line="60"/>
        <source>{1} {0} events could not be read — orders {2}, check them in {0}</source>
        <translation>{1} 個 {0} 事件無法讀取 — 訂單 {2}，請在 {0} 查看</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/unread_notice.py" line="63"/>
        <source>{1} {0} events could not be read — check the latest orders in {0}</source>
        <translation>{1} 個 {0} 事件無法讀取 — 請在 {0} 查看最新訂單</translation>
    </message>
</context>
<context>
    <name>Urgency</name>
    <message>
        <location filename="../../posapp/ui/urgency.py" line="50"/>
        <source>ACCEPT NOW – Keeta is cancelling it</source>
        <translation>立即接單 – Keeta 正在取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/urgency.py" line="52"/>
        <source>ACCEPT NOW – auto-cancel in {0}</source>
        <translation>立即接單 – {0} 後自動取消</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/urgency.py" line="56"/>
        <source>Hurry – accept within {0}</source>
        <translation>快！{0} 內接單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/urgency.py" line="58"/>
        <source>Accept within {0}</source>
        <translation>{0} 內接單</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/urgency.py" line="68"/>
        <source>Keeta is deciding it now</source>
        <translation>Keeta 正在決定</translation>
    </message>
    <message>
        <location filename="../../posapp/ui/urgency.py" line="70"/>
        <source>Answer within {0} or Keeta decides</source>
        <translation>請於 {0} 內回覆，否則由 Keeta 決定</translation>
    </message>
</context>
</TS>
