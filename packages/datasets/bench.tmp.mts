import { loadCifar10Images } from './src/cifar-images.ts';
const t0 = performance.now();
const { train, test } = await loadCifar10Images('/work/shared/data/cifar10/cifar10-jpg.tar.gz');
const t1 = performance.now();
console.log('tar.gz load', ((t1 - t0) / 1000).toFixed(2), 's', train.shape, test.shape, train.classNames[train.labels[0]], train.classNames[train.labels[49999]]);
const counts = new Array(10).fill(0); for (const l of train.labels) counts[l]++; console.log(counts.join(','));
let s = 0; for (const v of test.images) s += v; console.log('test mean', (s / test.images.length).toFixed(3));
