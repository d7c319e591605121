export { TEMP_SUFFIX, fsyncPath, removeTempLeftovers, writeDirAtomic, writeFileAtomic } from './atomic-write';
