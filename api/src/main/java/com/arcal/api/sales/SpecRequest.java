package com.arcal.api.sales;

import java.util.Map;

/** Body of {@code PUT /sales/{id}}: the whole spec (null fields take the defaults). */
record SpecRequest(String image, Map<String, String> config, String cpu, String memory) {}
