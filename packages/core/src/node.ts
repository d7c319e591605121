export { TEMP_SUFFIX, fsyncPath, removeTempLeftovers, writeDirAtomic, writeFileAtomic } from './atomic-write';
export { processAlive } from './process-alive';
