"""The register's JSON Schemas, shipped inside the package as `partnership_register.schemas`."""
