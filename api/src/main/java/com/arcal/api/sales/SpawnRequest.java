package com.arcal.api.sales;

import java.util.Map;

/**
 * Body of {@code POST /sales/spawn}: the seed API's {@code {"saleId": "vente-01"}}, plus the
 * optional spec fields (null takes the default).
 */
record SpawnRequest(
    String saleId, String image, Map<String, String> config, String cpu, String memory) {}
