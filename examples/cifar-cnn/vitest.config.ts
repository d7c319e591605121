// The CIFAR examples' shared test settings (generated stand-in, no dataset cache): see the file.
export { default } from '../common/src/vitest-cifar-config';
