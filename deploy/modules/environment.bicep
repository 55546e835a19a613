// Log Analytics and the VNet-integrated Container Apps managed environment (workload profiles,
// Consumption profile) that runs the orchestrator and every engine app, so that the engines'
// internal gRPC port (additionalPortMappings, external: false) is reachable only from inside it.
// Peer-to-peer encryption is on: app-to-app traffic (the orchestrator's gRPC calls and the
// engine token they carry) is TLS inside the environment. It authenticates apps but authorises
// none: each engine still requires its own token, which only the orchestrator presents.

param location string

param workspaceName string

param environmentName string

@description('Resource id of the subnet delegated to Microsoft.App/environments.')
param infrastructureSubnetId string

@description('Days Log Analytics keeps the orchestrator and engine logs.')
param logRetentionDays int

param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource managedEnvironment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      // Public ingress for the API and the buyers' WebSocket; gRPC stays internal per app.
      internal: false
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
    peerTrafficConfiguration: {
      encryption: {
        enabled: true
      }
    }
  }
}

output environmentId string = managedEnvironment.id
output defaultDomain string = managedEnvironment.properties.defaultDomain
output workspaceId string = workspace.id
