export * from './assessment.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './coordination.ts';
export * from './issues.ts';
export * from './items.ts';
export * from './orgs.ts';
export * from './search.ts';
