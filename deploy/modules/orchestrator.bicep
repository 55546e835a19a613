// The orchestrator itself: a Container App in the same environment as the engines it manages,
// external HTTPS ingress for its REST API, the API token from a Container Apps secret, and
// several replicas of which one leads (blob lease) while all serve the API.

@description('Region of the managed environment: an app lives where its environment is.')
param location string

param appName string

@description('Resource id of the managed environment (also where the engine apps are created).')
param environmentId string

@description('Name of the environment profile of type Consumption; empty in a Consumption-only environment, which refuses any workload profile name.')
param workloadProfileName string

@description('Full image reference, e.g. myacr.azurecr.io/arcal-orchestrator:1.0.0.')
param image string

param registryServer string

@description('The orchestrator identity: pulls the image, calls ARM and Blob Storage.')
param identityId string

param identityClientId string

@secure()
@description('Bearer token required by every mutating API request.')
param apiToken string

@minValue(1)
@maxValue(5)
param replicas int

@description('Environment variables of the orchestrator container (name/value pairs).')
param settings array

param tags object

// One port for everything: the image's ARCAL_HTTP_PORT, EXPOSE, ingress and probes agree.
var apiPort = 8080

resource orchestrator 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  // Deliberately without the arcal-managed-by tag: the orchestrator must never own itself.
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: empty(workloadProfileName) ? null : workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: apiPort
        transport: 'http'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: [
        {
          name: 'arcal-api-token'
          value: apiToken
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'orchestrator'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(settings, [
            {
              name: 'ARCAL_HTTP_HOST'
              value: '0.0.0.0'
            }
            {
              name: 'ARCAL_HTTP_PORT'
              value: string(apiPort)
            }
            {
              name: 'ARCAL_API_TOKEN'
              secretRef: 'arcal-api-token'
            }
            {
              // DefaultAzureCredential picks this user-assigned identity for ARM and Blob Storage.
              name: 'AZURE_CLIENT_ID'
              value: identityClientId
            }
          ])
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: apiPort
              }
              // Start-up includes the first LIST of the resource group: allow 5 + 10 x 10 s.
              initialDelaySeconds: 5
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 10
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: apiPort
              }
              periodSeconds: 15
              timeoutSeconds: 3
              failureThreshold: 4
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: apiPort
              }
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: replicas
        maxReplicas: replicas
      }
    }
  }
}

output fqdn string = orchestrator.properties.configuration.ingress.fqdn
output url string = 'https://${orchestrator.properties.configuration.ingress.fqdn}'
