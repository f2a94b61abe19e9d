import { taggedBodyValidator } from '../../../kernel/tagged-body.ts';
import { ACTION_BODIES } from './schema.ts';

// The action body is a union; the kernel's tagged validator checks it against the branch the body names.
export const actionBodyValidator = taggedBodyValidator(ACTION_BODIES);
