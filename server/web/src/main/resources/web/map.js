// The public threat map: our own boundary tiles as the basemap and the clustered threats tiles.
(function () {
  'use strict';
  const POLAND = ol.proj.fromLonLat([19.4, 52.1]);

  const map = new ol.Map({
    target: 'map',
    view: new ol.View({ center: POLAND, zoom: 6, minZoom: 5, maxZoom: 19 }),
    layers: [],
  });
  window.kmzbMap = map;
})();
