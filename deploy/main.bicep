// ARCAL orchestrator on Azure Container Apps: network, logs, environment, registry, identities
// with least privilege, the HA desired-state store, and the orchestrator app. Deployed at
// resource-group scope; the sale engine apps are created in this same resource group and
// environment by the orchestrator at run time. Step by step: docs/deploy.md.
//
// api-versions: Microsoft.App 2025-01-01 (containerApps, managedEnvironments),
// Microsoft.Network 2024-05-01, Microsoft.OperationalInsights 2023-09-01,
// Microsoft.ContainerRegistry 2025-04-01, Microsoft.ManagedIdentity 2023-01-31,
// Microsoft.Storage 2025-01-01, Microsoft.Authorization 2022-04-01.

targetScope = 'resourceGroup'

@description('Azure region of every resource and of the engine apps.')
param location string = resourceGroup().location

@description('Short prefix of resource names: lowercase letters, digits and single hyphens.')
@minLength(2)
@maxLength(12)
param namePrefix string = 'arcal'

@description('Tag of the orchestrator and engine images in the registry. Empty: deploy the infrastructure only (first pass, before the images are built).')
param imageTag string = ''

@description('Engine image for new sales. Empty: <registry>/arcal-engine:<imageTag> (the reference engine).')
param engineImage string = ''

@secure()
@description('Bearer token for mutating API requests, at least 16 characters (openssl rand -hex 32). Required when imageTag is set.')
param apiToken string = ''

@description('Orchestrator replicas. One leads (blob lease), every one serves the API.')
@minValue(1)
@maxValue(5)
param orchestratorReplicas int = 2

@description('Value of the arcal-managed-by tag: apps without it are never touched.')
param fleet string = 'arcal'

@description('Container App name = prefix + sale id.')
param appPrefix string = 'sale-'

@description('vCPU of a new engine app (a sale may override it).')
param engineCpu string = '0.5'

@description('Memory of a new engine app (a sale may override it).')
param engineMemory string = '1Gi'

@description('Reconcile workers: at least ARM writes per second x seconds to answer a PUT, plus those starting engines.')
@minValue(1)
@maxValue(256)
param workers int = 32

@description('Seconds between full resyncs.')
@minValue(1)
param resyncSeconds int = 30

@description('Browser origins allowed to call the API, comma-separated; empty for none.')
param corsOrigins string = ''

@description('Leader lease duration in seconds (Azure blob leases: 15-60).')
@minValue(15)
@maxValue(60)
param leaseDurationSeconds int = 15

@description('A leader that cannot renew within this many seconds stops leading (less than the lease duration).')
param leaseRenewDeadlineSeconds int = 10

@description('Seconds between attempts to take or renew the lease.')
param leaseRetryPeriodSeconds int = 2

@description('How many managed environments to create in the VNet (Azure allows 15 per subscription and region by default): 100 Consumption cores each by default. The orchestrator runs in the first and keeps the others closed to new sales while their engines cannot be reached from it (docs/deploy.md, section 8). Ignored with existingEnvironmentId.')
@minValue(1)
@maxValue(15)
param environmentCount int = 1

@description('Resource id of an existing VNet-integrated managed environment, in this resource group, to use instead of creating one (upgrading from the original service: the environment that runs its engines). Its region and type (workload profiles or Consumption-only) are read from it. Empty: create the VNet, Log Analytics and the environment.')
param existingEnvironmentId string = ''

@description('Reads of the API (/sales, /desired-state, /metrics, /events...) need the API token too; /healthz and /readyz stay open for the probes. On by default: the ingress is public.')
param protectReads bool = true

param vnetAddressPrefix string = '10.40.0.0/16'

param infrastructureSubnetPrefix string = '10.40.0.0/23'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Days an overwritten or deleted desired-state document can be restored (blob versions, soft delete).')
@minValue(1)
@maxValue(365)
param stateRetentionDays int = 30

param tags object = {
  application: 'arcal-orchestrator'
}

var compactPrefix = toLower(replace(namePrefix, '-', ''))
var suffix = uniqueString(resourceGroup().id)
var stateContainerName = 'arcal-state'

var createEnvironment = empty(existingEnvironmentId)

module network 'modules/network.bicep' = if (createEnvironment) {
  name: 'arcal-network'
  params: {
    location: location
    vnetName: '${namePrefix}-vnet'
    addressPrefix: vnetAddressPrefix
    infrastructureSubnetPrefix: infrastructureSubnetPrefix
    environmentCount: environmentCount
    tags: tags
  }
}

module managedEnvironment 'modules/environment.bicep' = if (createEnvironment) {
  name: 'arcal-environment'
  params: {
    location: location
    workspaceName: '${namePrefix}-logs'
    environmentName: '${namePrefix}-env'
    infrastructureSubnetId: network.outputs.infrastructureSubnetId
    logRetentionDays: logRetentionDays
    tags: tags
  }
}

// Environments 2..N: the same module, each with its own subnet and logs workspace.
module extraEnvironments 'modules/environment.bicep' = [for i in range(1, createEnvironment ? environmentCount - 1 : 0): {
  name: 'arcal-environment-${i + 1}'
  params: {
    location: location
    workspaceName: '${namePrefix}-logs-${i + 1}'
    environmentName: '${namePrefix}-env-${i + 1}'
    infrastructureSubnetId: network.outputs.extraSubnetIds[i - 1]
    logRetentionDays: logRetentionDays
    tags: tags
  }
}]

module existingEnvironment 'modules/existing-environment.bicep' = if (!createEnvironment) {
  name: 'arcal-existing-environment'
  params: {
    environmentName: last(split(existingEnvironmentId, '/'))
  }
}

module identities 'modules/identity.bicep' = {
  name: 'arcal-identity'
  params: {
    location: location
    orchestratorIdentityName: '${namePrefix}-orchestrator-id'
    enginePullIdentityName: '${namePrefix}-engine-pull-id'
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'arcal-registry'
  params: {
    location: location
    registryName: '${take(compactPrefix, 10)}${suffix}'
    pullPrincipalIds: [
      identities.outputs.orchestratorPrincipalId
      identities.outputs.enginePullPrincipalId
    ]
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'arcal-storage'
  params: {
    location: location
    storageAccountName: '${take(compactPrefix, 11)}${suffix}'
    containerName: stateContainerName
    principalId: identities.outputs.orchestratorPrincipalId
    retentionDays: stateRetentionDays
    storageSku: storageSku
    tags: tags
  }
}

var environmentId = createEnvironment ? managedEnvironment.outputs.environmentId : existingEnvironmentId

// Every environment engine apps are placed on, the orchestrator's own first.
var environmentIds = concat([environmentId], [for i in range(0, createEnvironment ? environmentCount - 1 : 0): extraEnvironments[i].outputs.environmentId])

var environmentNames = [for id in environmentIds: last(split(id, '/'))]

// The role on each environment (its apps' rights come from the role on this resource group).
module environmentAccess 'modules/environment-access.bicep' = [for (name, i) in environmentNames: {
  name: 'arcal-environment-access-${i + 1}'
  params: {
    environmentName: name
    principalId: identities.outputs.orchestratorPrincipalId
    roleDefinitionId: identities.outputs.salesRoleDefinitionId
  }
}]

// Apps live in their environment's region. The environment this template creates has workload
// profiles with the built-in Consumption profile; an existing one says which type it is.
var environmentLocation = createEnvironment ? location : existingEnvironment.outputs.location
var workloadProfileName = createEnvironment ? 'Consumption' : existingEnvironment.outputs.workloadProfileName

var effectiveEngineImage = empty(engineImage) ? '${registry.outputs.loginServer}/arcal-engine:${imageTag}' : engineImage

// Every variable here is read by the orchestrator (checked by DeployConsistencyTest); the HTTP
// bind, the API token and AZURE_CLIENT_ID are added by modules/orchestrator.bicep. The
// environment id is enough to point it at Azure: it derives the subscription, and reads the
// region and the workload profile from the environment. AZURE_RESOURCE_GROUP is set anyway so that
// an existingEnvironmentId outside this resource group, where the orchestrator's role does not
// reach, stops it at start-up with one line instead of failing every create.
var orchestratorSettings = concat([
  {
    name: 'ARCAL_PLATFORM'
    value: 'azure'
  }
  {
    name: 'AZURE_RESOURCE_GROUP'
    value: resourceGroup().name
  }
  {
    name: 'ARCAL_CONTAINERAPPS_ENVIRONMENT_ID'
    value: environmentId
  }
  {
    name: 'ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS'
    value: join(environmentIds, ',')
  }
  {
    name: 'ARCAL_PROTECT_READS'
    value: protectReads ? 'true' : 'false'
  }
  {
    name: 'ARCAL_ENGINE_IMAGE'
    value: effectiveEngineImage
  }
  {
    name: 'ARCAL_ENGINE_CPU'
    value: engineCpu
  }
  {
    name: 'ARCAL_ENGINE_MEMORY'
    value: engineMemory
  }
  {
    name: 'ARCAL_ENGINE_REGISTRY'
    value: registry.outputs.loginServer
  }
  {
    name: 'ARCAL_ENGINE_PULL_IDENTITY_ID'
    value: identities.outputs.enginePullIdentityId
  }
  {
    name: 'ARCAL_APP_PREFIX'
    value: appPrefix
  }
  {
    name: 'ARCAL_FLEET'
    value: fleet
  }
  {
    name: 'ARCAL_WORKERS'
    value: string(workers)
  }
  {
    name: 'ARCAL_RESYNC_SECONDS'
    value: string(resyncSeconds)
  }
  {
    name: 'ARCAL_STATE_BLOB_URL'
    value: '${storage.outputs.containerUrl}/desired-state.json'
  }
  {
    name: 'ARCAL_LEADER_LOCK_BLOB_URL'
    value: '${storage.outputs.containerUrl}/leader.lock'
  }
  {
    name: 'ARCAL_LEASE_DURATION_SECONDS'
    value: string(leaseDurationSeconds)
  }
  {
    name: 'ARCAL_LEASE_RENEW_DEADLINE_SECONDS'
    value: string(leaseRenewDeadlineSeconds)
  }
  {
    name: 'ARCAL_LEASE_RETRY_PERIOD_SECONDS'
    value: string(leaseRetryPeriodSeconds)
  }
], empty(corsOrigins) ? [] : [
  {
    name: 'ARCAL_CORS_ORIGINS'
    value: corsOrigins
  }
])

module orchestrator 'modules/orchestrator.bicep' = if (!empty(imageTag)) {
  name: 'arcal-orchestrator'
  params: {
    location: environmentLocation
    appName: '${namePrefix}-orchestrator'
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    image: '${registry.outputs.loginServer}/arcal-orchestrator:${imageTag}'
    registryServer: registry.outputs.loginServer
    identityId: identities.outputs.orchestratorIdentityId
    identityClientId: identities.outputs.orchestratorClientId
    apiToken: apiToken
    replicas: orchestratorReplicas
    settings: orchestratorSettings
    tags: tags
  }
}

output registryName string = registry.outputs.registryName
output registryLoginServer string = registry.outputs.loginServer
output environmentId string = environmentId
output environmentIds array = environmentIds
output environmentDefaultDomain string = createEnvironment ? managedEnvironment.outputs.defaultDomain : existingEnvironment.outputs.defaultDomain
output storageAccountName string = storage.outputs.storageAccountName
output stateBlobUrl string = '${storage.outputs.containerUrl}/desired-state.json'
output orchestratorClientId string = identities.outputs.orchestratorClientId
output salesRoleDefinitionId string = identities.outputs.salesRoleDefinitionId
output apiUrl string = empty(imageTag) ? '' : orchestrator.outputs.url
