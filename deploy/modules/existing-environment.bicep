// An existing managed environment (upgrading from the original service: the one that runs its
// engines), read for what the orchestrator app must match: its region, its default domain, and
// its type. Azure has two environment types: workload profiles (the default), whose apps name the
// profile they run on, and Consumption-only (legacy), which has no profiles and refuses an app
// that names one ("Cannot specify workload profile name for container app in Consumption Only
// environment"). The environment must be in the deployment's resource group: the orchestrator's
// role covers that group only.

@description('Name of the existing managed environment, in this resource group.')
param environmentName string

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' existing = {
  name: environmentName
}

var consumptionProfiles = filter(environment.properties.?workloadProfiles ?? [], profile => toLower(profile.workloadProfileType) == 'consumption')

output location string = environment.location
output defaultDomain string = environment.properties.defaultDomain
// Empty for a Consumption-only environment, whose apps must name no workload profile.
output workloadProfileName string = empty(consumptionProfiles) ? '' : consumptionProfiles[0].name
