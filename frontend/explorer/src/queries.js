// Every GraphQL document the explorer sends, in one place. Unit and leader ids are read only
// from analysis results and from `unitNetwork` (organization-scoped ids), never from entity
// `id` fields (opaque global ids); organizations are named by their `localId`, aliased `id`.

export const ORGANIZATIONS = `query ExplorerOrganizations { organizations { id: localId name } }`;

export const ORGANIZATION = `query ExplorerOrganization($org: ID!) {
  organization(id: $org) { id: localId name graphVersion }
}`;

const PRIVACY = "privacy { minGroup withheldGroups lifted note }";
const PROBLEMS = `... on ValidationError { message } ... on NotFoundError { message }`;

export const UNIT_NETWORK = `query ExplorerUnitNetwork($org: ID!) {
  organization(id: $org) { unitNetwork { __typename
    ... on UnitNetworkAnalysis { graphVersion ${PRIVACY}
      report {
        units { id name kind parentId people }
        links { unitA unitB dependencies maxCriticality unreliable ties tieStrength }
      } }
    ${PROBLEMS} } }
}`;

export const SILO_BOTTLENECKS = `query ExplorerSilos($org: ID!) {
  organization(id: $org) { siloBottlenecks(top: 20) { __typename
    ... on SiloBottlenecksAnalysis { ${PRIVACY}
      report { emptyReason
        bottlenecks { kind id name score reason betweenness separation dependencyRisk }
        units { unitId name leaders eiIndex insularity partnerUnits
          unreliableDependsOn unreliableDependedOnBy note }
        leaders { leaderId name title unitId crossUnitBetweenness crossUnitPairs soleBrokerFor }
      } }
    ${PROBLEMS} } }
}`;

export const CONFLICT_HOTSPOTS = `query ExplorerHotspots($org: ID!, $asOf: Date) {
  organization(id: $org) { conflictHotspots(asOf: $asOf, top: 20) { __typename
    ... on ConflictHotspotsAnalysis { ${PRIVACY}
      report { asOf emptyReason unitsTotal pairsTotal
        units { rank unit name partners scoreShare reason
          figures { unresolvedShare score counts { total unresolved } } }
        pairs { rank unitA unitB unitAName unitBName scoreShare reason }
      } }
    ${PROBLEMS} } }
}`;

export const EXECUTIVE_FACTIONS = `query ExplorerFactions($org: ID!) {
  organization(id: $org) { executiveFactions { __typename
    ... on ExecutiveFactionsAnalysis { ${PRIVACY}
      report { verdict verdictReason emptyReason executives
        factions { index members names dominantDivision dominantDivisionName reason }
        members { leader name division faction ties strength withinFactionShare reason }
        bridges { leader name reason }
        isolated { leader name reason }
      } }
    ${PROBLEMS} } }
}`;

export const EXECUTION_REPORT = `query ExplorerExecution($org: ID!, $asOf: Date) {
  organization(id: $org) { executionReport(asOf: $asOf) { __typename
    ... on ExecutionReportAnalysis { ${PRIVACY}
      report { asOf headlines factionReason emptyReason
        outcomeMix { n openExcluded verdict citation emptyReason
          outcomes { status observed observedShare benchmarkShare expected } }
      } }
    ${PROBLEMS} } }
}`;

// The explorer reads the newest 24 snapshots (the API's default) and every unit the floor
// leaves; it draws a few lines at a time (src/trends.js).
export const TRENDS = `query ExplorerTrends($org: ID!) {
  organization(id: $org) { trends { __typename
    ... on TrendsAnalysis { ${PRIVACY}
      report { method
        snapshots { effectiveDate graphVersion }
        series { figure unitId unitName
          points { effectiveDate graphVersion value count total change significant } }
        factionVerdicts { effectiveDate graphVersion verdict changed }
      } }
    ${PROBLEMS} } }
}`;
