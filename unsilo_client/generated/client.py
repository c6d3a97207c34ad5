from datetime import date
from typing import TYPE_CHECKING, Any, Optional, Union

from .base_client import BaseClient
from .base_model import UNSET

if TYPE_CHECKING:
    from .base_model import UnsetType
    from .conflict_hotspots import ConflictHotspots
    from .conflicts import Conflicts
    from .create_conflict import CreateConflict
    from .create_dependency import CreateDependency
    from .create_leader import CreateLeader
    from .create_organization import CreateOrganization
    from .create_tie import CreateTie
    from .create_unit import CreateUnit
    from .declare_tie_kinds import DeclareTieKinds
    from .delete_conflict import DeleteConflict
    from .delete_dependency import DeleteDependency
    from .delete_leader import DeleteLeader
    from .delete_organization import DeleteOrganization
    from .delete_tie import DeleteTie
    from .delete_unit import DeleteUnit
    from .dependencies import Dependencies
    from .enums import RecommendationGoal
    from .execution_report import ExecutionReport
    from .executive_factions import ExecutiveFactions
    from .import_organization import ImportOrganization
    from .input_types import (
        ConflictFilter,
        CreateConflictInput,
        CreateDependencyInput,
        CreateLeaderInput,
        CreateOrganizationInput,
        CreateTieInput,
        CreateUnitInput,
        DependencyFilter,
        LeaderFilter,
        SimulationChange,
        TieFilter,
        TieKindInput,
        UnitFilter,
        UpdateConflictInput,
        UpdateDependencyInput,
        UpdateLeaderInput,
        UpdateOrganizationInput,
        UpdateTieInput,
        UpdateUnitInput,
    )
    from .leaders import Leaders
    from .organization import Organization
    from .organizations import Organizations
    from .recommendations import Recommendations
    from .silo_bottlenecks import SiloBottlenecks
    from .simulation import Simulation
    from .ties import Ties
    from .trends import Trends
    from .units import Units
    from .update_conflict import UpdateConflict
    from .update_dependency import UpdateDependency
    from .update_leader import UpdateLeader
    from .update_organization import UpdateOrganization
    from .update_tie import UpdateTie
    from .update_unit import UpdateUnit


def gql(q: str) -> str:
    return q


class Client(BaseClient):
    def silo_bottlenecks(
        self,
        organization_id: str,
        scope: Union[Optional[str], "UnsetType"] = UNSET,
        top: Union[Optional[int], "UnsetType"] = UNSET,
        include_small_groups: Union[Optional[bool], "UnsetType"] = UNSET,
        kinds: Union[Optional[list[str]], "UnsetType"] = UNSET,
        group_by: Union[Optional[str], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "SiloBottlenecks":
        from .silo_bottlenecks import SiloBottlenecks

        query = gql("""
            query SiloBottlenecks($organizationId: ID!, $scope: ID, $top: Int = 10, $includeSmallGroups: Boolean = false, $kinds: [String!], $groupBy: String) {
              organization(id: $organizationId) {
                siloBottlenecks(
                  scope: $scope
                  top: $top
                  includeSmallGroups: $includeSmallGroups
                  kinds: $kinds
                  groupBy: $groupBy
                ) {
                  __typename
                  ... on SiloBottlenecksAnalysis {
                    graphVersion
                    computedAt
                    layer
                    privacy {
                      ...PrivacyFloorFields
                    }
                    report {
                      scope
                      emptyReason
                      groupedBy
                      pathCounting {
                        ...PathCountingFields
                      }
                      bottlenecks {
                        ...BottleneckFields
                      }
                      units {
                        unitId
                        name
                        division
                        leaders
                        ties {
                          internal
                          external
                          internalStrength
                          externalStrength
                          partners
                        }
                        eiIndex
                        insularity
                        partnerUnits
                        unreliableDependsOn
                        unreliableDependedOnBy
                        betweenness
                        constraint
                        effectiveSize
                        articulationPoint
                        note
                      }
                      leaders {
                        leaderId
                        name
                        unitId
                        crossUnitBetweenness
                        crossUnitPairs
                        roles {
                          coordinator
                          gatekeeper
                          representative
                          itinerant
                          liaison
                        }
                        soleBrokerFor
                      }
                      bridges {
                        leaderA
                        leaderB
                        unitA
                        unitB
                        cutOff
                        cutOffFrom
                      }
                      uncoveredDependencies {
                        unitA
                        unitB
                        dependencyIds
                        criticality
                        reliability
                        directTies
                        brokers
                        status
                        reason
                      }
                      groups {
                        group
                        leaders
                        internal
                        external
                        eiIndex
                        insularity
                      }
                    }
                  }
                  ...NotFoundErrorFields
                  ...ValidationErrorFields
                }
              }
            }

            fragment BottleneckFields on Bottleneck {
              kind
              id
              name
              score
              reason
              betweenness
              relativeBetweenness
              separation
              dependencyRisk
              cutOff
              cutOffFrom
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment PathCountingFields on PathCounting {
              exact
              unitSources
              units
              leaderSources
              leaders
              seed
              unitEngine
            }

            fragment PrivacyFloorFields on PrivacyFloor {
              minGroup
              withheldGroups
              lifted
              note
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "scope": scope,
            "top": top,
            "includeSmallGroups": include_small_groups,
            "kinds": kinds,
            "groupBy": group_by,
        }
        response = self.execute(
            query=query, operation_name="SiloBottlenecks", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SiloBottlenecks.model_validate(data)

    def conflict_hotspots(
        self,
        organization_id: str,
        as_of: Union[Optional[date], "UnsetType"] = UNSET,
        top: Union[Optional[int], "UnsetType"] = UNSET,
        include_small_groups: Union[Optional[bool], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "ConflictHotspots":
        from .conflict_hotspots import ConflictHotspots

        query = gql("""
            query ConflictHotspots($organizationId: ID!, $asOf: Date, $top: Int = 10, $includeSmallGroups: Boolean = false) {
              organization(id: $organizationId) {
                conflictHotspots(
                  asOf: $asOf
                  top: $top
                  includeSmallGroups: $includeSmallGroups
                ) {
                  __typename
                  ... on ConflictHotspotsAnalysis {
                    graphVersion
                    computedAt
                    privacy {
                      ...PrivacyFloorFields
                    }
                    report {
                      asOf
                      emptyReason
                      overall {
                        ...ConflictFiguresFields
                      }
                      pairs {
                        ...PairHotspotFields
                      }
                      pairsTotal
                      units {
                        rank
                        unit
                        name
                        division
                        partners
                        figures {
                          ...ConflictFiguresFields
                        }
                        scoreShare
                        reason
                      }
                      unitsTotal
                      clusters {
                        rank
                        units
                        pairs
                        score
                        scoreShare
                        conflicts
                        unresolved
                        reason
                      }
                      clustersTotal
                      benchmark {
                        ...BenchmarkFields
                      }
                    }
                  }
                  ...NotFoundErrorFields
                  ...ValidationErrorFields
                }
              }
            }

            fragment BenchmarkFields on BenchmarkComparison {
              n
              openExcluded
              outcomes {
                status
                observed
                observedShare
                benchmarkShare
                expected
              }
              test
              statistic
              degreesOfFreedom
              pValue
              alpha
              differs
              verdict
              citation
              emptyReason
            }

            fragment ConflictFiguresFields on ConflictFigures {
              counts {
                anticipatedAvoided
                resolvedQuickly
                resolvedLate
                triedFailed
                unaddressed
                open
                total
                unresolved
              }
              unresolvedShare
              resolutions
              resolutionDaysMedian
              resolutionDaysP90
              unresolvedAgeDaysMedian
              unresolvedAgeDaysMax
              score
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment PairHotspotFields on PairHotspot {
              rank
              unitA
              unitB
              unitAName
              unitBName
              figures {
                ...ConflictFiguresFields
              }
              scoreShare
              reason
            }

            fragment PrivacyFloorFields on PrivacyFloor {
              minGroup
              withheldGroups
              lifted
              note
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "asOf": as_of,
            "top": top,
            "includeSmallGroups": include_small_groups,
        }
        response = self.execute(
            query=query,
            operation_name="ConflictHotspots",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ConflictHotspots.model_validate(data)

    def executive_factions(
        self,
        organization_id: str,
        include_small_groups: Union[Optional[bool], "UnsetType"] = UNSET,
        kinds: Union[Optional[list[str]], "UnsetType"] = UNSET,
        group_by: Union[Optional[str], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "ExecutiveFactions":
        from .executive_factions import ExecutiveFactions

        query = gql("""
            query ExecutiveFactions($organizationId: ID!, $includeSmallGroups: Boolean = false, $kinds: [String!], $groupBy: String) {
              organization(id: $organizationId) {
                executiveFactions(
                  includeSmallGroups: $includeSmallGroups
                  kinds: $kinds
                  groupBy: $groupBy
                ) {
                  __typename
                  ... on ExecutiveFactionsAnalysis {
                    graphVersion
                    computedAt
                    layer
                    privacy {
                      ...PrivacyFloorFields
                    }
                    report {
                      executives
                      ties
                      density
                      modularity
                      verdict
                      verdictReason
                      emptyReason
                      groupedBy
                      factions {
                        index
                        members
                        names
                        ties
                        density
                        dominantDivision
                        dominantDivisionName
                        divisionShare
                        reason
                      }
                      links {
                        factionA
                        factionB
                        ties
                        density
                        strength
                      }
                      bridges {
                        rank
                        leader
                        name
                        faction
                        reaches
                        crossShare
                        reason
                      }
                      isolated {
                        leader
                        name
                        division
                        tiesBelow
                        reason
                      }
                      alignment {
                        divisions
                        withinDivisionShare
                        factionPurity
                        divisionOnly
                        summary
                      }
                    }
                  }
                  ...NotFoundErrorFields
                  ...ValidationErrorFields
                }
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment PrivacyFloorFields on PrivacyFloor {
              minGroup
              withheldGroups
              lifted
              note
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "includeSmallGroups": include_small_groups,
            "kinds": kinds,
            "groupBy": group_by,
        }
        response = self.execute(
            query=query,
            operation_name="ExecutiveFactions",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ExecutiveFactions.model_validate(data)

    def execution_report(
        self,
        organization_id: str,
        as_of: Union[Optional[date], "UnsetType"] = UNSET,
        top: Union[Optional[int], "UnsetType"] = UNSET,
        include_small_groups: Union[Optional[bool], "UnsetType"] = UNSET,
        kinds: Union[Optional[list[str]], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "ExecutionReport":
        from .execution_report import ExecutionReport

        query = gql("""
            query ExecutionReport($organizationId: ID!, $asOf: Date, $top: Int = 5, $includeSmallGroups: Boolean = false, $kinds: [String!]) {
              organization(id: $organizationId) {
                executionReport(
                  asOf: $asOf
                  top: $top
                  includeSmallGroups: $includeSmallGroups
                  kinds: $kinds
                ) {
                  __typename
                  ... on ExecutionReportAnalysis {
                    graphVersion
                    computedAt
                    layer
                    privacy {
                      ...PrivacyFloorFields
                    }
                    report {
                      asOf
                      headlines
                      emptyReason
                      bottlenecks {
                        ...BottleneckFields
                      }
                      hotspots {
                        ...PairHotspotFields
                      }
                      outcomeMix {
                        ...BenchmarkFields
                      }
                      factionVerdict
                      factionReason
                      reliability {
                        overall {
                          scope
                          scopeName
                          dependencies
                          reliable
                          share
                          reason
                        }
                        byDivision {
                          scope
                          scopeName
                          dependencies
                          reliable
                          share
                          reason
                        }
                        emptyReason
                      }
                      alignmentTrap {
                        unit
                        name
                        verticalShare
                        externalShare
                        unresolvedConflicts
                        crossUnitConflicts
                        unresolvedShare
                        signal
                        reason
                      }
                      pathCounting {
                        ...PathCountingFields
                      }
                    }
                  }
                  ...NotFoundErrorFields
                  ...ValidationErrorFields
                }
              }
            }

            fragment BenchmarkFields on BenchmarkComparison {
              n
              openExcluded
              outcomes {
                status
                observed
                observedShare
                benchmarkShare
                expected
              }
              test
              statistic
              degreesOfFreedom
              pValue
              alpha
              differs
              verdict
              citation
              emptyReason
            }

            fragment BottleneckFields on Bottleneck {
              kind
              id
              name
              score
              reason
              betweenness
              relativeBetweenness
              separation
              dependencyRisk
              cutOff
              cutOffFrom
            }

            fragment ConflictFiguresFields on ConflictFigures {
              counts {
                anticipatedAvoided
                resolvedQuickly
                resolvedLate
                triedFailed
                unaddressed
                open
                total
                unresolved
              }
              unresolvedShare
              resolutions
              resolutionDaysMedian
              resolutionDaysP90
              unresolvedAgeDaysMedian
              unresolvedAgeDaysMax
              score
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment PairHotspotFields on PairHotspot {
              rank
              unitA
              unitB
              unitAName
              unitBName
              figures {
                ...ConflictFiguresFields
              }
              scoreShare
              reason
            }

            fragment PathCountingFields on PathCounting {
              exact
              unitSources
              units
              leaderSources
              leaders
              seed
              unitEngine
            }

            fragment PrivacyFloorFields on PrivacyFloor {
              minGroup
              withheldGroups
              lifted
              note
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "asOf": as_of,
            "top": top,
            "includeSmallGroups": include_small_groups,
            "kinds": kinds,
        }
        response = self.execute(
            query=query, operation_name="ExecutionReport", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ExecutionReport.model_validate(data)

    def units(
        self,
        organization_id: str,
        first: Union[Optional[int], "UnsetType"] = UNSET,
        after: Union[Optional[str], "UnsetType"] = UNSET,
        filter_: Union[Optional["UnitFilter"], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Units":
        from .units import Units

        query = gql("""
            query Units($organizationId: ID!, $first: Int, $after: String, $filter: UnitFilter) {
              organization(id: $organizationId) {
                units(first: $first, after: $after, filter: $filter) {
                  totalCount
                  pageInfo {
                    ...PageInfoFields
                  }
                  edges {
                    cursor
                    node {
                      ...UnitFields
                    }
                  }
                }
              }
            }

            fragment AttributeValueFields on AttributeValue {
              name
              value
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }

            fragment UnitFields on Unit {
              id
              localId
              name
              kind
              parentId
              attributes {
                ...AttributeValueFields
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "first": first,
            "after": after,
            "filter": filter_,
        }
        response = self.execute(
            query=query, operation_name="Units", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Units.model_validate(data)

    def leaders(
        self,
        organization_id: str,
        first: Union[Optional[int], "UnsetType"] = UNSET,
        after: Union[Optional[str], "UnsetType"] = UNSET,
        filter_: Union[Optional["LeaderFilter"], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Leaders":
        from .leaders import Leaders

        query = gql("""
            query Leaders($organizationId: ID!, $first: Int, $after: String, $filter: LeaderFilter) {
              organization(id: $organizationId) {
                leaders(first: $first, after: $after, filter: $filter) {
                  totalCount
                  pageInfo {
                    ...PageInfoFields
                  }
                  edges {
                    cursor
                    node {
                      ...LeaderFields
                    }
                  }
                }
              }
            }

            fragment AttributeValueFields on AttributeValue {
              name
              value
            }

            fragment LeaderFields on Leader {
              id
              localId
              name
              title
              level
              unitId
              reportsToId
              attributes {
                ...AttributeValueFields
              }
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "first": first,
            "after": after,
            "filter": filter_,
        }
        response = self.execute(
            query=query, operation_name="Leaders", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Leaders.model_validate(data)

    def ties(
        self,
        organization_id: str,
        first: Union[Optional[int], "UnsetType"] = UNSET,
        after: Union[Optional[str], "UnsetType"] = UNSET,
        filter_: Union[Optional["TieFilter"], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Ties":
        from .ties import Ties

        query = gql("""
            query Ties($organizationId: ID!, $first: Int, $after: String, $filter: TieFilter) {
              organization(id: $organizationId) {
                ties(first: $first, after: $after, filter: $filter) {
                  totalCount
                  pageInfo {
                    ...PageInfoFields
                  }
                  edges {
                    cursor
                    node {
                      ...TieFields
                    }
                  }
                }
              }
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }

            fragment TieFields on Tie {
              id
              localId
              leaderAId
              leaderBId
              strength
              kind
              directed
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "first": first,
            "after": after,
            "filter": filter_,
        }
        response = self.execute(
            query=query, operation_name="Ties", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Ties.model_validate(data)

    def dependencies(
        self,
        organization_id: str,
        first: Union[Optional[int], "UnsetType"] = UNSET,
        after: Union[Optional[str], "UnsetType"] = UNSET,
        filter_: Union[Optional["DependencyFilter"], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Dependencies":
        from .dependencies import Dependencies

        query = gql("""
            query Dependencies($organizationId: ID!, $first: Int, $after: String, $filter: DependencyFilter) {
              organization(id: $organizationId) {
                dependencies(first: $first, after: $after, filter: $filter) {
                  totalCount
                  pageInfo {
                    ...PageInfoFields
                  }
                  edges {
                    cursor
                    node {
                      ...DependencyFields
                    }
                  }
                }
              }
            }

            fragment DependencyFields on Dependency {
              id
              localId
              fromUnitId
              toUnitId
              description
              criticality
              reliability
              ownerIds
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "first": first,
            "after": after,
            "filter": filter_,
        }
        response = self.execute(
            query=query, operation_name="Dependencies", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Dependencies.model_validate(data)

    def conflicts(
        self,
        organization_id: str,
        first: Union[Optional[int], "UnsetType"] = UNSET,
        after: Union[Optional[str], "UnsetType"] = UNSET,
        filter_: Union[Optional["ConflictFilter"], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Conflicts":
        from .conflicts import Conflicts

        query = gql("""
            query Conflicts($organizationId: ID!, $first: Int, $after: String, $filter: ConflictFilter) {
              organization(id: $organizationId) {
                conflicts(first: $first, after: $after, filter: $filter) {
                  totalCount
                  pageInfo {
                    ...PageInfoFields
                  }
                  edges {
                    cursor
                    node {
                      ...ConflictFields
                    }
                  }
                }
              }
            }

            fragment ConflictFields on Conflict {
              id
              localId
              unitAId
              unitBId
              dependencyId
              summary
              severity
              raisedAt
              resolvedAt
              status
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "first": first,
            "after": after,
            "filter": filter_,
        }
        response = self.execute(
            query=query, operation_name="Conflicts", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Conflicts.model_validate(data)

    def import_organization(
        self,
        document: Any,
        replace: Union[Optional[bool], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "ImportOrganization":
        from .import_organization import ImportOrganization

        query = gql("""
            mutation ImportOrganization($document: JSON!, $replace: Boolean = false) {
              importOrganization(document: $document, replace: $replace) {
                __typename
                ... on ImportPayload {
                  graphVersion
                  organization {
                    ...OrganizationFields
                  }
                  counts {
                    units
                    leaders
                    dependencies
                    conflicts
                    ties
                  }
                  warnings {
                    code
                    path
                    message
                  }
                }
                ...ValidationErrorFields
              }
            }

            fragment OrganizationFields on Organization {
              id
              localId
              name
              graphVersion
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"document": document, "replace": replace}
        response = self.execute(
            query=query,
            operation_name="ImportOrganization",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ImportOrganization.model_validate(data)

    def create_organization(
        self, input: "CreateOrganizationInput", **kwargs: Any
    ) -> "CreateOrganization":
        from .create_organization import CreateOrganization

        query = gql("""
            mutation CreateOrganization($input: CreateOrganizationInput!) {
              createOrganization(input: $input) {
                __typename
                ... on OrganizationPayload {
                  organization {
                    ...OrganizationFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment OrganizationFields on Organization {
              id
              localId
              name
              graphVersion
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query,
            operation_name="CreateOrganization",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreateOrganization.model_validate(data)

    def update_organization(
        self, id: str, input: "UpdateOrganizationInput", **kwargs: Any
    ) -> "UpdateOrganization":
        from .update_organization import UpdateOrganization

        query = gql("""
            mutation UpdateOrganization($id: ID!, $input: UpdateOrganizationInput!) {
              updateOrganization(id: $id, input: $input) {
                __typename
                ... on OrganizationPayload {
                  organization {
                    ...OrganizationFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment OrganizationFields on Organization {
              id
              localId
              name
              graphVersion
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"id": id, "input": input}
        response = self.execute(
            query=query,
            operation_name="UpdateOrganization",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpdateOrganization.model_validate(data)

    def delete_organization(self, id: str, **kwargs: Any) -> "DeleteOrganization":
        from .delete_organization import DeleteOrganization

        query = gql("""
            mutation DeleteOrganization($id: ID!) {
              deleteOrganization(id: $id) {
                __typename
                ... on DeletePayload {
                  entity
                  id
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query,
            operation_name="DeleteOrganization",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return DeleteOrganization.model_validate(data)

    def declare_tie_kinds(
        self, organization_id: str, tie_kinds: list["TieKindInput"], **kwargs: Any
    ) -> "DeclareTieKinds":
        from .declare_tie_kinds import DeclareTieKinds

        query = gql("""
            mutation DeclareTieKinds($organizationId: ID!, $tieKinds: [TieKindInput!]!) {
              declareTieKinds(organizationId: $organizationId, tieKinds: $tieKinds) {
                __typename
                ... on TieKindsPayload {
                  tieKinds {
                    name
                    directed
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "tieKinds": tie_kinds,
        }
        response = self.execute(
            query=query, operation_name="DeclareTieKinds", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeclareTieKinds.model_validate(data)

    def create_unit(
        self, organization_id: str, input: "CreateUnitInput", **kwargs: Any
    ) -> "CreateUnit":
        from .create_unit import CreateUnit

        query = gql("""
            mutation CreateUnit($organizationId: ID!, $input: CreateUnitInput!) {
              createUnit(organizationId: $organizationId, input: $input) {
                __typename
                ... on UnitPayload {
                  unit {
                    ...UnitFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment AttributeValueFields on AttributeValue {
              name
              value
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment UnitFields on Unit {
              id
              localId
              name
              kind
              parentId
              attributes {
                ...AttributeValueFields
              }
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="CreateUnit", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateUnit.model_validate(data)

    def update_unit(
        self, organization_id: str, id: str, input: "UpdateUnitInput", **kwargs: Any
    ) -> "UpdateUnit":
        from .update_unit import UpdateUnit

        query = gql("""
            mutation UpdateUnit($organizationId: ID!, $id: ID!, $input: UpdateUnitInput!) {
              updateUnit(organizationId: $organizationId, id: $id, input: $input) {
                __typename
                ... on UnitPayload {
                  unit {
                    ...UnitFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment AttributeValueFields on AttributeValue {
              name
              value
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment UnitFields on Unit {
              id
              localId
              name
              kind
              parentId
              attributes {
                ...AttributeValueFields
              }
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "id": id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="UpdateUnit", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateUnit.model_validate(data)

    def delete_unit(self, organization_id: str, id: str, **kwargs: Any) -> "DeleteUnit":
        from .delete_unit import DeleteUnit

        query = gql("""
            mutation DeleteUnit($organizationId: ID!, $id: ID!) {
              deleteUnit(organizationId: $organizationId, id: $id) {
                __typename
                ... on DeletePayload {
                  entity
                  id
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"organizationId": organization_id, "id": id}
        response = self.execute(
            query=query, operation_name="DeleteUnit", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeleteUnit.model_validate(data)

    def create_leader(
        self, organization_id: str, input: "CreateLeaderInput", **kwargs: Any
    ) -> "CreateLeader":
        from .create_leader import CreateLeader

        query = gql("""
            mutation CreateLeader($organizationId: ID!, $input: CreateLeaderInput!) {
              createLeader(organizationId: $organizationId, input: $input) {
                __typename
                ... on LeaderPayload {
                  leader {
                    ...LeaderFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment AttributeValueFields on AttributeValue {
              name
              value
            }

            fragment LeaderFields on Leader {
              id
              localId
              name
              title
              level
              unitId
              reportsToId
              attributes {
                ...AttributeValueFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="CreateLeader", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateLeader.model_validate(data)

    def update_leader(
        self, organization_id: str, id: str, input: "UpdateLeaderInput", **kwargs: Any
    ) -> "UpdateLeader":
        from .update_leader import UpdateLeader

        query = gql("""
            mutation UpdateLeader($organizationId: ID!, $id: ID!, $input: UpdateLeaderInput!) {
              updateLeader(organizationId: $organizationId, id: $id, input: $input) {
                __typename
                ... on LeaderPayload {
                  leader {
                    ...LeaderFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment AttributeValueFields on AttributeValue {
              name
              value
            }

            fragment LeaderFields on Leader {
              id
              localId
              name
              title
              level
              unitId
              reportsToId
              attributes {
                ...AttributeValueFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "id": id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="UpdateLeader", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateLeader.model_validate(data)

    def delete_leader(
        self, organization_id: str, id: str, **kwargs: Any
    ) -> "DeleteLeader":
        from .delete_leader import DeleteLeader

        query = gql("""
            mutation DeleteLeader($organizationId: ID!, $id: ID!) {
              deleteLeader(organizationId: $organizationId, id: $id) {
                __typename
                ... on DeletePayload {
                  entity
                  id
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"organizationId": organization_id, "id": id}
        response = self.execute(
            query=query, operation_name="DeleteLeader", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeleteLeader.model_validate(data)

    def create_dependency(
        self, organization_id: str, input: "CreateDependencyInput", **kwargs: Any
    ) -> "CreateDependency":
        from .create_dependency import CreateDependency

        query = gql("""
            mutation CreateDependency($organizationId: ID!, $input: CreateDependencyInput!) {
              createDependency(organizationId: $organizationId, input: $input) {
                __typename
                ... on DependencyPayload {
                  dependency {
                    ...DependencyFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment DependencyFields on Dependency {
              id
              localId
              fromUnitId
              toUnitId
              description
              criticality
              reliability
              ownerIds
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "input": input,
        }
        response = self.execute(
            query=query,
            operation_name="CreateDependency",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreateDependency.model_validate(data)

    def update_dependency(
        self,
        organization_id: str,
        id: str,
        input: "UpdateDependencyInput",
        **kwargs: Any,
    ) -> "UpdateDependency":
        from .update_dependency import UpdateDependency

        query = gql("""
            mutation UpdateDependency($organizationId: ID!, $id: ID!, $input: UpdateDependencyInput!) {
              updateDependency(organizationId: $organizationId, id: $id, input: $input) {
                __typename
                ... on DependencyPayload {
                  dependency {
                    ...DependencyFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment DependencyFields on Dependency {
              id
              localId
              fromUnitId
              toUnitId
              description
              criticality
              reliability
              ownerIds
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "id": id,
            "input": input,
        }
        response = self.execute(
            query=query,
            operation_name="UpdateDependency",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpdateDependency.model_validate(data)

    def delete_dependency(
        self, organization_id: str, id: str, **kwargs: Any
    ) -> "DeleteDependency":
        from .delete_dependency import DeleteDependency

        query = gql("""
            mutation DeleteDependency($organizationId: ID!, $id: ID!) {
              deleteDependency(organizationId: $organizationId, id: $id) {
                __typename
                ... on DeletePayload {
                  entity
                  id
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"organizationId": organization_id, "id": id}
        response = self.execute(
            query=query,
            operation_name="DeleteDependency",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return DeleteDependency.model_validate(data)

    def create_conflict(
        self, organization_id: str, input: "CreateConflictInput", **kwargs: Any
    ) -> "CreateConflict":
        from .create_conflict import CreateConflict

        query = gql("""
            mutation CreateConflict($organizationId: ID!, $input: CreateConflictInput!) {
              createConflict(organizationId: $organizationId, input: $input) {
                __typename
                ... on ConflictPayload {
                  conflict {
                    ...ConflictFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment ConflictFields on Conflict {
              id
              localId
              unitAId
              unitBId
              dependencyId
              summary
              severity
              raisedAt
              resolvedAt
              status
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="CreateConflict", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateConflict.model_validate(data)

    def update_conflict(
        self, organization_id: str, id: str, input: "UpdateConflictInput", **kwargs: Any
    ) -> "UpdateConflict":
        from .update_conflict import UpdateConflict

        query = gql("""
            mutation UpdateConflict($organizationId: ID!, $id: ID!, $input: UpdateConflictInput!) {
              updateConflict(organizationId: $organizationId, id: $id, input: $input) {
                __typename
                ... on ConflictPayload {
                  conflict {
                    ...ConflictFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment ConflictFields on Conflict {
              id
              localId
              unitAId
              unitBId
              dependencyId
              summary
              severity
              raisedAt
              resolvedAt
              status
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "id": id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="UpdateConflict", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateConflict.model_validate(data)

    def delete_conflict(
        self, organization_id: str, id: str, **kwargs: Any
    ) -> "DeleteConflict":
        from .delete_conflict import DeleteConflict

        query = gql("""
            mutation DeleteConflict($organizationId: ID!, $id: ID!) {
              deleteConflict(organizationId: $organizationId, id: $id) {
                __typename
                ... on DeletePayload {
                  entity
                  id
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"organizationId": organization_id, "id": id}
        response = self.execute(
            query=query, operation_name="DeleteConflict", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeleteConflict.model_validate(data)

    def create_tie(
        self, organization_id: str, input: "CreateTieInput", **kwargs: Any
    ) -> "CreateTie":
        from .create_tie import CreateTie

        query = gql("""
            mutation CreateTie($organizationId: ID!, $input: CreateTieInput!) {
              createTie(organizationId: $organizationId, input: $input) {
                __typename
                ... on TiePayload {
                  tie {
                    ...TieFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment TieFields on Tie {
              id
              localId
              leaderAId
              leaderBId
              strength
              kind
              directed
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="CreateTie", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateTie.model_validate(data)

    def update_tie(
        self, organization_id: str, id: str, input: "UpdateTieInput", **kwargs: Any
    ) -> "UpdateTie":
        from .update_tie import UpdateTie

        query = gql("""
            mutation UpdateTie($organizationId: ID!, $id: ID!, $input: UpdateTieInput!) {
              updateTie(organizationId: $organizationId, id: $id, input: $input) {
                __typename
                ... on TiePayload {
                  tie {
                    ...TieFields
                  }
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment TieFields on Tie {
              id
              localId
              leaderAId
              leaderBId
              strength
              kind
              directed
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "id": id,
            "input": input,
        }
        response = self.execute(
            query=query, operation_name="UpdateTie", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateTie.model_validate(data)

    def delete_tie(self, organization_id: str, id: str, **kwargs: Any) -> "DeleteTie":
        from .delete_tie import DeleteTie

        query = gql("""
            mutation DeleteTie($organizationId: ID!, $id: ID!) {
              deleteTie(organizationId: $organizationId, id: $id) {
                __typename
                ... on DeletePayload {
                  entity
                  id
                }
                ...ValidationErrorFields
                ...NotFoundErrorFields
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {"organizationId": organization_id, "id": id}
        response = self.execute(
            query=query, operation_name="DeleteTie", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeleteTie.model_validate(data)

    def organizations(self, **kwargs: Any) -> "Organizations":
        from .organizations import Organizations

        query = gql("""
            query Organizations {
              organizations {
                ...OrganizationFields
              }
            }

            fragment OrganizationFields on Organization {
              id
              localId
              name
              graphVersion
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="Organizations", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Organizations.model_validate(data)

    def organization(self, id: str, **kwargs: Any) -> "Organization":
        from .organization import Organization

        query = gql("""
            query Organization($id: ID!) {
              organization(id: $id) {
                ...OrganizationFields
                tieKinds {
                  name
                  directed
                }
                attributes {
                  name
                  entity
                  type
                }
                units(first: 0) {
                  totalCount
                }
                leaders(first: 0) {
                  totalCount
                }
                ties(first: 0) {
                  totalCount
                }
                dependencies(first: 0) {
                  totalCount
                }
                conflicts(first: 0) {
                  totalCount
                }
              }
            }

            fragment OrganizationFields on Organization {
              id
              localId
              name
              graphVersion
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="Organization", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Organization.model_validate(data)

    def recommendations(
        self,
        organization_id: str,
        goal: "RecommendationGoal",
        count: Union[Optional[int], "UnsetType"] = UNSET,
        max_new_ties_per_person: Union[Optional[int], "UnsetType"] = UNSET,
        candidates: Union[Optional[int], "UnsetType"] = UNSET,
        liaisons: Union[Optional[bool], "UnsetType"] = UNSET,
        kind: Union[Optional[str], "UnsetType"] = UNSET,
        strength: Union[Optional[float], "UnsetType"] = UNSET,
        kinds: Union[Optional[list[str]], "UnsetType"] = UNSET,
        include_small_groups: Union[Optional[bool], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Recommendations":
        from .recommendations import Recommendations

        query = gql("""
            query Recommendations($organizationId: ID!, $goal: RecommendationGoal!, $count: Int = 3, $maxNewTiesPerPerson: Int = 2, $candidates: Int = 40, $liaisons: Boolean = false, $kind: String, $strength: Float = 1.0, $kinds: [String!], $includeSmallGroups: Boolean = false) {
              organization(id: $organizationId) {
                recommendations(
                  goal: $goal
                  count: $count
                  maxNewTiesPerPerson: $maxNewTiesPerPerson
                  candidates: $candidates
                  liaisons: $liaisons
                  kind: $kind
                  strength: $strength
                  kinds: $kinds
                  includeSmallGroups: $includeSmallGroups
                ) {
                  __typename
                  ... on RecommendationsAnalysis {
                    graphVersion
                    computedAt
                    goal
                    figure
                    start
                    target {
                      ...BottleneckFields
                    }
                    recommendations {
                      before
                      after
                      reason
                      changes {
                        addTie {
                          leaderAId
                          leaderBId
                          kind
                          strength
                        }
                        addLiaison {
                          name
                          unitId
                          tiesTo
                          level
                          title
                          kind
                          strength
                        }
                      }
                    }
                    candidates
                    evaluations
                    evaluationBound
                    privacy {
                      ...PrivacyFloorFields
                    }
                    layer
                  }
                  ...NotFoundErrorFields
                  ...ValidationErrorFields
                }
              }
            }

            fragment BottleneckFields on Bottleneck {
              kind
              id
              name
              score
              reason
              betweenness
              relativeBetweenness
              separation
              dependencyRisk
              cutOff
              cutOffFrom
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment PrivacyFloorFields on PrivacyFloor {
              minGroup
              withheldGroups
              lifted
              note
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "goal": goal,
            "count": count,
            "maxNewTiesPerPerson": max_new_ties_per_person,
            "candidates": candidates,
            "liaisons": liaisons,
            "kind": kind,
            "strength": strength,
            "kinds": kinds,
            "includeSmallGroups": include_small_groups,
        }
        response = self.execute(
            query=query, operation_name="Recommendations", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Recommendations.model_validate(data)

    def simulation(
        self,
        organization_id: str,
        changes: list["SimulationChange"],
        as_of: Union[Optional[date], "UnsetType"] = UNSET,
        top: Union[Optional[int], "UnsetType"] = UNSET,
        include_small_groups: Union[Optional[bool], "UnsetType"] = UNSET,
        kinds: Union[Optional[list[str]], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Simulation":
        from .simulation import Simulation

        query = gql("""
            query Simulation($organizationId: ID!, $changes: [SimulationChange!]!, $asOf: Date, $top: Int = 5, $includeSmallGroups: Boolean = false, $kinds: [String!]) {
              organization(id: $organizationId) {
                simulation(
                  changes: $changes
                  asOf: $asOf
                  top: $top
                  includeSmallGroups: $includeSmallGroups
                  kinds: $kinds
                ) {
                  __typename
                  ... on SimulationAnalysis {
                    graphVersion
                    computedAt
                    layer
                    hypothetical
                    recomputed
                    privacy {
                      ...PrivacyFloorFields
                    }
                    before {
                      ...SimulatedReportFields
                    }
                    after {
                      ...SimulatedReportFields
                    }
                    changes {
                      index
                      change
                      description
                      created
                      removed
                      droppedDependencies
                      droppedConflicts
                      units
                      aspects
                    }
                    differences {
                      summary
                      estimated
                      bottlenecks {
                        kind
                        id
                        name
                        shift
                        scoreBefore
                        scoreAfter
                        rankBefore
                        rankAfter
                        change
                      }
                      coverage {
                        unitA
                        unitB
                        unitAName
                        unitBName
                        statusBefore
                        statusAfter
                        brokersBefore
                        brokersAfter
                      }
                      factions {
                        factionsBefore
                        factionsAfter
                        verdictBefore
                        verdictAfter
                        modularityBefore
                        modularityAfter
                        merged
                        split
                      }
                      reliability {
                        shareBefore
                        shareAfter
                        reliableBefore
                        reliableAfter
                        dependenciesBefore
                        dependenciesAfter
                      }
                      alignmentTrapOn {
                        unit
                        name
                      }
                      alignmentTrapOff {
                        unit
                        name
                      }
                      units {
                        unit
                        name
                        internalBefore
                        externalBefore
                        internalAfter
                        externalAfter
                        eiBefore
                        eiAfter
                        insularityBefore
                        insularityAfter
                        mergedInto
                      }
                      hotspots {
                        unitA
                        unitB
                        unitAName
                        unitBName
                        scoreBefore
                        scoreAfter
                        unresolvedBefore
                        unresolvedAfter
                      }
                    }
                  }
                  ...NotFoundErrorFields
                  ...ValidationErrorFields
                }
              }
            }

            fragment BottleneckFields on Bottleneck {
              kind
              id
              name
              score
              reason
              betweenness
              relativeBetweenness
              separation
              dependencyRisk
              cutOff
              cutOffFrom
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment PrivacyFloorFields on PrivacyFloor {
              minGroup
              withheldGroups
              lifted
              note
            }

            fragment SimulatedReportFields on ExecutionReport {
              asOf
              headlines
              emptyReason
              bottlenecks {
                ...BottleneckFields
              }
              factionVerdict
              alignmentTrap {
                unit
                name
                signal
                reason
              }
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "changes": changes,
            "asOf": as_of,
            "top": top,
            "includeSmallGroups": include_small_groups,
            "kinds": kinds,
        }
        response = self.execute(
            query=query, operation_name="Simulation", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Simulation.model_validate(data)

    def trends(
        self,
        organization_id: str,
        include_small_groups: Union[Optional[bool], "UnsetType"] = UNSET,
        last: Union[Optional[int], "UnsetType"] = UNSET,
        units: Union[Optional[list[str]], "UnsetType"] = UNSET,
        **kwargs: Any,
    ) -> "Trends":
        from .trends import Trends

        query = gql("""
            query Trends($organizationId: ID!, $includeSmallGroups: Boolean = false, $last: Int = 24, $units: [String!]) {
              organization(id: $organizationId) {
                trends(includeSmallGroups: $includeSmallGroups, last: $last, units: $units) {
                  __typename
                  ... on TrendsAnalysis {
                    privacy {
                      ...PrivacyFloorFields
                    }
                    report {
                      snapshots {
                        effectiveDate
                        graphVersion
                      }
                      series {
                        figure
                        unitId
                        unitName
                        points {
                          effectiveDate
                          graphVersion
                          value
                          count
                          total
                          change
                          significant
                        }
                      }
                      factionVerdicts {
                        effectiveDate
                        graphVersion
                        verdict
                        changed
                      }
                      method
                    }
                  }
                  ...NotFoundErrorFields
                  ...ValidationErrorFields
                }
              }
            }

            fragment NotFoundErrorFields on NotFoundError {
              message
              entity
              id
            }

            fragment PrivacyFloorFields on PrivacyFloor {
              minGroup
              withheldGroups
              lifted
              note
            }

            fragment ValidationErrorFields on ValidationError {
              message
              errors {
                path
                code
                message
                source
                line
                column
              }
            }
            """)
        variables: dict[str, object] = {
            "organizationId": organization_id,
            "includeSmallGroups": include_small_groups,
            "last": last,
            "units": units,
        }
        response = self.execute(
            query=query, operation_name="Trends", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Trends.model_validate(data)
