-- Stallkeeper schema, version 5: the catalog of products the seller sells on KooGallery, as learnt from orders
-- (Query Order names each order line's product id, SKU and product name), with display names the seller edits.
-- A row appears the first time an order names it; the seller's display name overrides KooGallery's name.

CREATE TABLE catalog_product (
    product_id       VARCHAR(64) PRIMARY KEY,
    koogallery_name  VARCHAR(255),
    display_name     VARCHAR(100),
    first_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE,
    updated_by       VARCHAR(64)
);

CREATE TABLE catalog_sku (
    product_id     VARCHAR(64) NOT NULL,
    sku_code       VARCHAR(64) NOT NULL,
    display_name   VARCHAR(100),
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE,
    updated_by     VARCHAR(64),
    PRIMARY KEY (product_id, sku_code)
);

-- Product types group products for settlement (STALLKEEPER_PRODUCT_TYPES); only their display names live here.
CREATE TABLE catalog_product_type (
    code          VARCHAR(32) PRIMARY KEY,
    display_name  VARCHAR(100) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(64)
);

-- What the orders seen before this version already named.
INSERT INTO catalog_product (product_id, koogallery_name, first_seen_at)
SELECT product_id, MAX(product_name), MIN(fetched_at) FROM order_line
WHERE product_id IS NOT NULL GROUP BY product_id;
INSERT INTO catalog_sku (product_id, sku_code, first_seen_at)
SELECT product_id, sku_code, MIN(fetched_at) FROM order_line
WHERE product_id IS NOT NULL AND sku_code IS NOT NULL GROUP BY product_id, sku_code;
