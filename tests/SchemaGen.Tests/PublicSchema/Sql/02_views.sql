-- The original's materialized view and its index, verbatim (install.sql lines 3057-3071).
CREATE MATERIALIZED VIEW Person.vStateProvinceCountryRegion
AS
SELECT
    sp.StateProvinceID
    ,sp.StateProvinceCode
    ,sp.IsOnlyStateProvinceFlag
    ,sp.Name AS StateProvinceName
    ,sp.TerritoryID
    ,cr.CountryRegionCode
    ,cr.Name AS CountryRegionName
FROM Person.StateProvince sp
    INNER JOIN Person.CountryRegion cr
    ON sp.CountryRegionCode = cr.CountryRegionCode;

CREATE UNIQUE INDEX IX_vStateProvinceCountryRegion ON Person.vStateProvinceCountryRegion(StateProvinceID, CountryRegionCode);

-- The convenience views of schema pe: the original creates them inside CREATE SCHEMA pe (install.sql lines
-- 3216-3231), which is not a template statement; each is its own CREATE VIEW here, with the same query.
CREATE VIEW pe.a AS SELECT addressid AS id, * FROM person.address;
CREATE VIEW pe.at AS SELECT addresstypeid AS id, * FROM person.addresstype;
CREATE VIEW pe.be AS SELECT businessentityid AS id, * FROM person.businessentity;
CREATE VIEW pe.bea AS SELECT businessentityid AS id, * FROM person.businessentityaddress;
CREATE VIEW pe.bec AS SELECT businessentityid AS id, * FROM person.businessentitycontact;
CREATE VIEW pe.ct AS SELECT contacttypeid AS id, * FROM person.contacttype;
CREATE VIEW pe.cr AS SELECT * FROM person.countryregion;
CREATE VIEW pe.e AS SELECT emailaddressid AS id, * FROM person.emailaddress;
CREATE VIEW pe.pa AS SELECT businessentityid AS id, * FROM person.password;
CREATE VIEW pe.p AS SELECT businessentityid AS id, * FROM person.person;
CREATE VIEW pe.pp AS SELECT businessentityid AS id, * FROM person.personphone;
CREATE VIEW pe.pnt AS SELECT phonenumbertypeid AS id, * FROM person.phonenumbertype;
CREATE VIEW pe.sp AS SELECT stateprovinceid AS id, * FROM person.stateprovince;
