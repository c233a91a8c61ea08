import type { domainChecks as zh } from '../zh/domainChecks';

export const domainChecks: typeof zh = {
  rule: {
    reportRecipient: 'An information-report step names its recipient, and the reporting chain does not skip the county government',
    floodCriterion: 'An environmental response level is graded by environmental-incident criteria, not by flood-control ones',
    longUncompressed: 'A drill planned for more than 150 minutes compresses scenario time',
    roleHasPeople: 'Every role has at least one person',
    evaluatorHasForm: 'Evaluators have an evaluation form assigned',
  },
  reportNoRecipient: 'Information-report step "{{title}}" does not name its recipient (e.g. the county government, the city ecology-environment bureau)',
  reportSkipsCounty: 'Information-report step "{{title}}" reports to a city or provincial department without reporting to the county government',
  floodCriterion:
    'Decision "{{title}}" sets the environmental response level by a flood-control criterion ({{criterion}}); grade it by drinking-water intake, people affected and cross-boundary effects, and leave flood decisions to the flood-control headquarters',
  longUncompressed: 'The drill is planned for {{minutes}} minutes, over 150 without compressed scenario time; an observed drill usually takes 90-120 minutes',
  roleNoPeople: 'Role "{{name}}" has no people',
  evaluatorNoForm: 'Evaluator role "{{name}}" has no evaluation form assigned',
};
