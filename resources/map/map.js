// The delivery map: store, customer, the partner's marker and path. Driven from Python via
// posappMap.show(scene). Vector markers only, so everything draws with no tiles and no images.
(function () {
  "use strict";
  // Room for the labels above the markers; half zoom steps fit a delivery snugly (no tiles to blur).
  var FIT = { paddingTopLeft: [48, 64], paddingBottomRight: [48, 56], maxZoom: 17 };
  var map = L.map("map", { zoomControl: true, attributionControl: true, zoomSnap: 0.5 }).setView([22.2866, 114.1508], 14);
  var tiles = null;
  var layers = L.layerGroup().addTo(map);
  var partner = null;
  var fittedFor = null;
  var points = [];

  function setTiles(url) {
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    if (url) {
      tiles = L.tileLayer(url, { maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" });
      // Offline (the demo, a shop without internet) every tile fails: hide it rather than show a
      // broken image, so the markers stay on the plain background.
      tiles.on("tileerror", function (event) { event.tile.style.visibility = "hidden"; });
      tiles.addTo(map);
    }
  }

  function dot(latlng, color, radius, label, below) {
    var marker = L.circleMarker(latlng, {
      radius: radius, color: "#ffffff", weight: 3, fillColor: color, fillOpacity: 1
    });
    if (label) {
      marker.bindTooltip(label, {
        permanent: true, direction: below ? "bottom" : "top", offset: [0, below ? radius : -radius],
        className: "posapp-label"
      });
    }
    return marker.addTo(layers);
  }

  function fit() {
    // The page may have loaded while its tab was hidden (a 0×0 view): measure again before fitting.
    map.invalidateSize({ pan: false });
    if (!points.length) { return; }
    if (points.length === 1) { map.setView(points[0], 16); return; }
    map.fitBounds(L.latLngBounds(points), FIT);
  }

  function allVisible() {
    var view = map.getBounds();
    return points.every(function (p) { return view.contains(p); });
  }

  function show(scene) {
    layers.clearLayers();
    partner = null;
    points = [];
    if (scene.path && scene.path.length > 1) {
      L.polyline(scene.path, { color: "#1f6feb", weight: 5, opacity: 0.8 }).addTo(layers);
      points = points.concat(scene.path);
    }
    if (scene.store) { dot(scene.store, "#2e7d32", 10, scene.storeLabel || "Shop", true); points.push(scene.store); }
    if (scene.customer) { dot(scene.customer, "#c62828", 10, scene.customerLabel || "Customer"); points.push(scene.customer); }
    if (scene.partner) {
      partner = dot(scene.partner, "#1f6feb", 12, scene.partnerLabel || "Partner");
      points.push(scene.partner);
    }
    // Re-centre for another delivery, or when the partner (or path) has left the view; otherwise
    // leave the cashier's own zoom alone.
    if (points.length && (fittedFor !== scene.key || !allVisible())) {
      fittedFor = scene.key;
      fit();
    }
    return true;
  }

  function partnerLatLng() {
    if (!partner) { return null; }
    var p = partner.getLatLng();
    return [p.lat, p.lng];
  }

  // Shown, hidden or resized with the window: fit the delivery again to the new size.
  window.addEventListener("resize", function () { if (points.length) { fit(); } });

  window.posappMap = { setTiles: setTiles, show: show, fit: fit, partnerLatLng: partnerLatLng, ready: true };
})();
