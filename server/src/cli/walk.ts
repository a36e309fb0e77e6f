// The walk lives in the project layer (project/walk.ts) so that the server's project index can share it.
export { collectFiles, escapeBadBytes, type WalkResult } from '../project/walk';
