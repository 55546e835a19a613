// Identities, least privilege on the sales resource group:
// - the orchestrator's identity gets a custom role limited to the Container Apps operations the
//   controller sends (LIST/GET/PUT/DELETE apps, read and restart revisions), reading the managed
//   environment once at start (its region and type) and joining it - not Contributor;
// - engine apps pull their image with a second identity that can do nothing but pull (AcrPull,
//   given in registry.bicep). Sale engines therefore never hold a token that could change the
//   fleet. The orchestrator may attach that pull identity, and only that one, to the apps it
//   creates ("Managed Identity Operator" on the pull identity alone).

param location string

param orchestratorIdentityName string

param enginePullIdentityName string

param tags object

// Built-in role "Managed Identity Operator" (read and assign user-assigned identities).
var managedIdentityOperatorRoleId = 'f1a07417-d97a-45cb-824c-7a7467783830'

resource orchestratorIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: orchestratorIdentityName
  location: location
  tags: tags
}

resource enginePullIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: enginePullIdentityName
  location: location
  tags: tags
}

resource salesRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'arcal-orchestrator-sales-role')
  properties: {
    // Role names are unique per tenant: name the resource group and the subscription.
    roleName: 'ARCAL orchestrator (${resourceGroup().name}, ${take(subscription().subscriptionId, 8)})'
    description: 'Create, update, read and delete the sale engine Container Apps of this resource group, read back the engine tokens it gave them, restart their revisions, read its managed environments and their core usage and place them in them.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.App/containerApps/read'
          'Microsoft.App/containerApps/write'
          'Microsoft.App/containerApps/delete'
          'Microsoft.App/containerApps/revisions/read'
          'Microsoft.App/containerApps/revisions/restart/action'
          'Microsoft.App/managedEnvironments/read'
          // Placement reads each environment's core usage (GET .../managedEnvironments/{name}/usages).
          'Microsoft.App/managedEnvironments/usages/read'
          // An engine's token is a secret of its app; after a restart the orchestrator reads it back.
          'Microsoft.App/containerApps/listSecrets/action'
          'Microsoft.App/managedEnvironments/join/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource salesRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, orchestratorIdentity.id, salesRole.id)
  properties: {
    roleDefinitionId: salesRole.id
    principalId: orchestratorIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource assignPullIdentity 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(enginePullIdentity.id, orchestratorIdentity.id, managedIdentityOperatorRoleId)
  scope: enginePullIdentity
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', managedIdentityOperatorRoleId)
    principalId: orchestratorIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output orchestratorIdentityId string = orchestratorIdentity.id
output orchestratorClientId string = orchestratorIdentity.properties.clientId
output orchestratorPrincipalId string = orchestratorIdentity.properties.principalId
output enginePullIdentityId string = enginePullIdentity.id
output enginePullPrincipalId string = enginePullIdentity.properties.principalId
output salesRoleDefinitionId string = salesRole.id
