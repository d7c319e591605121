import { dlkitBuild } from '../../build/tsdown.preset.ts';

// The browser-safe entry, the Node entry (@dlkit/core/node: atomic file writes) and what "./node" resolves to
// under the browser condition (the same names, failing with NODE_ONLY).
export default dlkitBuild({ entry: { index: 'src/index.ts', node: 'src/node.ts', 'node-browser': 'src/node-browser.ts' } });
