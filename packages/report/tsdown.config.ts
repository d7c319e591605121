import { dlkitBuild } from '../../build/tsdown.preset.ts';

// The browser-safe entry (SVG and HTML strings) and the Node PNG entry (@dlkit/report/png).
export default dlkitBuild({ entry: { index: 'src/index.ts', png: 'src/png.ts' } });
