// Enables immer's Map and Set support, which the state's tables need. This registers a plugin
// (immer's opt-in mechanism); it changes no setting of immer for anyone else: autoFreeze and
// the like are set per instance in reducer.ts.
import { enableMapSet } from 'immer';

enableMapSet();
