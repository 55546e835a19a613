// The orchestrator's role on one managed environment, so that each environment it places engine
// apps on grants it explicitly (read it, read its core usage, join it). Its apps' own rights come
// from the role on their resource group (identity.bicep; docs/deploy.md for another group).

param environmentName string

param principalId string

param roleDefinitionId string

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' existing = {
  name: environmentName
}

resource access 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(environment.id, principalId, roleDefinitionId)
  scope: environment
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
