export {
  TEMP_SUFFIX,
  createFileAtomic,
  fsyncPath,
  removeTempLeftovers,
  writeDirAtomic,
  writeFileAtomic,
} from './atomic-write';
export { processAlive } from './process-alive';
