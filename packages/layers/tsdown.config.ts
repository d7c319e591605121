import { dlkitBuild } from '../../build/tsdown.preset.ts';

export default dlkitBuild();
