-- Tenants' application passwords are sealed at rest with STALLKEEPER_DATA_KEY (AppPasswords): a sealed value of a
-- 128-character password is about 220 characters ("v1.<key id>.<base64 of iv, ciphertext and tag>"). The clear
-- values already stored are sealed by PasswordSealing at the first start with a key (a SQL migration has no key).
ALTER TABLE instance ALTER COLUMN app_password SET DATA TYPE VARCHAR(512);
