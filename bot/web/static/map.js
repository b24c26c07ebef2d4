/* Sinergi web admin: incident maps with Leaflet (served locally). No data is written into the page as HTML:
   labels go in with textContent. Without a tile server the markers stand on a plain background. */
(function () {
  "use strict";
  var COLOURS = {rendah: "#2e7d32", sedang: "#f9a825", tinggi: "#ef6c00", kritis: "#c62828"};
  var JAKARTA = [-6.2, 106.85];

  function makeMap(element) {
    var map = L.map(element, {attributionControl: true}).setView(JAKARTA, 10);
    var tiles = element.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, {maxZoom: 19}).addTo(map);
    } else {
      element.classList.add("plain");
    }
    return map;
  }

  function marker(point) {
    var colour = COLOURS[point.severity] || "#546e7a";
    return L.circleMarker([point.lat, point.lng], {
      radius: 9, color: "#263238", weight: 1, fillColor: colour, fillOpacity: 0.9,
      className: "incident-marker sev-" + (point.severity || "none")
    });
  }

  function popup(point, openLabel) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = point.number;
    box.appendChild(title);
    [point.category, point.severity_label, point.status].forEach(function (text) {
      if (text) {
        box.appendChild(document.createElement("br"));
        box.appendChild(document.createTextNode(text));
      }
    });
    box.appendChild(document.createElement("br"));
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = openLabel;
    box.appendChild(link);
    return box;
  }

  function single(element) {
    var map = makeMap(element);
    var point = {lat: parseFloat(element.dataset.lat), lng: parseFloat(element.dataset.lng),
                 severity: element.dataset.severity};
    marker(point).bindTooltip(element.dataset.label || "").addTo(map);
    map.setView([point.lat, point.lng], 15);
  }

  function many(element) {
    var map = makeMap(element);
    var status = document.getElementById("map-status");
    fetch(element.dataset.points, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var bounds = [];
        data.points.forEach(function (point) {
          marker(point).bindPopup(popup(point, element.dataset.open)).addTo(map);
          bounds.push([point.lat, point.lng]);
        });
        if (bounds.length) {
          map.fitBounds(bounds, {padding: [30, 30], maxZoom: 15});
        }
        element.dataset.count = String(bounds.length);
        if (status) { status.textContent = bounds.length ? "" : element.dataset.empty; }
      });
  }

  var element = document.getElementById("map");
  if (element && window.L) {
    if (element.dataset.points) { many(element); } else { single(element); }
  }
}());
