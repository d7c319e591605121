import { dlkitBuild } from '../../build/tsdown.preset.ts';

// The Node entry and the browser entry (the "browser" condition of ".", and "./browser").
export default dlkitBuild({ entry: { index: 'src/index.ts', browser: 'src/browser.ts' } });
