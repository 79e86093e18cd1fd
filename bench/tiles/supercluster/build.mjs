// Supercluster peer for the index-build goal: same public points as ours, radius 40, extent 512, maxZoom 16.
import fs from 'node:fs';
import Supercluster from 'supercluster';
const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const buf = fs.readFileSync(file);
const n = buf.length / 32;
const features = new Array(n);
for (let i = 0; i < n; i++) {
  const o = i * 32;
  features[i] = {type: 'Feature', properties: {category: buf.readInt32LE(o + 16), status: buf.readInt32LE(o + 20)},
    geometry: {type: 'Point', coordinates: [buf.readDoubleLE(o), buf.readDoubleLE(o + 8)]}};
}
const mem = () => { global.gc(); global.gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers + m.external; };
const times = []; let retained = [];
for (let r = 0; r < runs; r++) {
  const before = mem();
  const t0 = process.hrtime.bigint();
  const index = new Supercluster({radius: 40, extent: 512, maxZoom: 16}).load(features);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  retained.push(mem() - before);
  if (index.getClusters([-180, -85, 180, 85], 0).reduce((s, f) => s + (f.properties.point_count || 1), 0) !== n) throw new Error('lost points');
  console.log(`supercluster_build_run_${r}_ms=${times[r].toFixed(0)} retained_bytes=${retained[r]}`);
}
const med = a => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`points=${n}`);
console.log(`supercluster_build_ms=${med(times).toFixed(0)}`);
// Later runs measure ~0: V8 keeps the previous index until the next allocation; the first run's figure is the honest one.
console.log(`supercluster_retained_bytes=${retained[0]}`);
