// The delivery map: store, customer, the partner's marker and path. Driven from Python via
// posappMap.show(scene). Vector markers only, so everything draws with no tiles and no images.
(function () {
  "use strict";
  var map = L.map("map", { zoomControl: true, attributionControl: true }).setView([22.2866, 114.1508], 14);
  var tiles = null;
  var layers = L.layerGroup().addTo(map);
  var partner = null;
  var fittedFor = null;

  function setTiles(url) {
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    if (url) {
      tiles = L.tileLayer(url, { maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" }).addTo(map);
    }
  }

  function dot(latlng, color, radius, label) {
    var marker = L.circleMarker(latlng, {
      radius: radius, color: "#ffffff", weight: 3, fillColor: color, fillOpacity: 1
    });
    if (label) {
      marker.bindTooltip(label, { permanent: true, direction: "top", offset: [0, -radius], className: "posapp-label" });
    }
    return marker.addTo(layers);
  }

  function show(scene) {
    layers.clearLayers();
    partner = null;
    var points = [];
    if (scene.path && scene.path.length > 1) {
      L.polyline(scene.path, { color: "#1f6feb", weight: 5, opacity: 0.8 }).addTo(layers);
      points = points.concat(scene.path);
    }
    if (scene.store) { dot(scene.store, "#2e7d32", 10, scene.storeLabel || "Shop"); points.push(scene.store); }
    if (scene.customer) { dot(scene.customer, "#c62828", 10, scene.customerLabel || "Customer"); points.push(scene.customer); }
    if (scene.partner) {
      partner = dot(scene.partner, "#1f6feb", 12, scene.partnerLabel || "Partner");
      points.push(scene.partner);
    }
    if (points.length && fittedFor !== scene.key) {
      fittedFor = scene.key;
      if (points.length === 1) { map.setView(points[0], 16); }
      else { map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 17 }); }
    }
    return true;
  }

  function partnerLatLng() {
    if (!partner) { return null; }
    var p = partner.getLatLng();
    return [p.lat, p.lng];
  }

  window.posappMap = { setTiles: setTiles, show: show, partnerLatLng: partnerLatLng, ready: true };
})();
