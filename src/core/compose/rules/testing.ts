/** Test helpers for compose rule tables: findings as the text they cover, fixes applied and checked. */
import { ruleTableHelpers } from '../../yaml/testing';
import { lintCompose } from '../lint';
import { parseCompose } from '../parse';

export const { findings, covered, fixOf, fixed, tree } = ruleTableHelpers(lintCompose, (text) => parseCompose(text).lines);
