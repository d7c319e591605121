import { dlkitBuild } from '../../build/tsdown.preset.ts';

// The browser-safe entry and the Node entry (@dlkit/core/node: atomic file writes).
export default dlkitBuild({ entry: { index: 'src/index.ts', node: 'src/node.ts' } });
