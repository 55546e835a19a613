// The VNet of the Container Apps environment: one subnet delegated to Microsoft.App/environments
// (a workload-profiles environment needs the delegation and at least a /27).

@description('Azure region.')
param location string

@description('Name of the virtual network.')
param vnetName string

@description('Address space of the virtual network.')
param addressPrefix string

@description('Subnet given to the Container Apps environment. A /23 leaves room for a few hundred engine apps.')
param infrastructureSubnetPrefix string

param tags object

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'containerapps'
        properties: {
          addressPrefix: infrastructureSubnetPrefix
          delegations: [
            {
              name: 'Microsoft.App.environments'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }
}

output infrastructureSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'containerapps')
