// The VNet of the Container Apps environments: one subnet per environment, each delegated to
// Microsoft.App/environments (a workload-profiles environment needs the delegation, a subnet of
// its own and at least a /27). All environments share the VNet, so their apps can reach each other.

@description('Azure region.')
param location string

@description('Name of the virtual network.')
param vnetName string

@description('Address space of the virtual network.')
param addressPrefix string

@description('Subnet given to the Container Apps environment. A /23 leaves room for a few hundred engine apps.')
param infrastructureSubnetPrefix string

@description('How many environments get a subnet: the first gets infrastructureSubnetPrefix, environment i (from 1) the i-th /23 of addressPrefix.')
param environmentCount int = 1

param tags object

var delegation = [
  {
    name: 'Microsoft.App.environments'
    properties: {
      serviceName: 'Microsoft.App/environments'
    }
  }
]

var extraSubnets = [for i in range(1, environmentCount - 1): {
  name: 'containerapps-${i + 1}'
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 23, i)
    delegations: delegation
  }
}]

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
    subnets: concat([
      {
        name: 'containerapps'
        properties: {
          addressPrefix: infrastructureSubnetPrefix
          delegations: delegation
        }
      }
    ], extraSubnets)
  }
}

output infrastructureSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'containerapps')
output extraSubnetIds array = [for i in range(1, environmentCount - 1): resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'containerapps-${i + 1}')]
