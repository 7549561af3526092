// The Person schema of AdventureWorks for Postgres (../adventureworks-person.sql, MIT, Lorin Thwaits) stated in
// SchemaGen: one class a table, the comments as <summary>, the serial keys as template sequences (../Sql). The
// original's unquoted CamelCase names fold to lower case in PostgreSQL, so the properties carry those names
// as they are (Naming = AsIs), and foreign keys get no extra indexes (the original has none).
// Compiled in memory by PublicSchemaTests, not part of the test assembly.
[assembly: SchemaOptions(DefaultSchema = "person", Naming = NamingConvention.AsIs, IndexForeignKeys = false)]
[assembly: Extension("uuid-ossp")]
[assembly: Extension("tablefunc")]
// The original's six domains (CREATE DOMAIN without a schema: public), each as written there.
[assembly: Domain("OrderNumber", "varchar(25)", Schema = "public")]
[assembly: Domain("AccountNumber", "varchar(15)", Schema = "public")]
[assembly: Domain("Flag", "boolean", Schema = "public", NotNull = true)]
[assembly: Domain("NameStyle", "boolean", Schema = "public", NotNull = true)]
[assembly: Domain("Name", "varchar(50)", Schema = "public")]
[assembly: Domain("Phone", "varchar(25)", Schema = "public")]

namespace AdventureWorks;

/// <summary>Source of the ID that connects vendors, customers, and employees with address and contact information.</summary>
[Table("businessentity")]
public class BusinessEntity
{
    /// <summary>Primary key for all customers, vendors, and employees.</summary>
    [Key, DefaultSql("nextval('person.businessentity_businessentityid_seq'::regclass)")] public int businessentityid { get; set; }
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Human beings involved with AdventureWorks: employees, customer contacts, and vendor contacts.</summary>
[Table("person")]
[Check("EmailPromotion BETWEEN 0 AND 2", Name = "CK_Person_EmailPromotion")]
[Check("PersonType IS NULL OR UPPER(PersonType) IN ('SC', 'VC', 'IN', 'EM', 'SP', 'GC')", Name = "CK_Person_PersonType")]
public class Person
{
    /// <summary>Primary key for Person records.</summary>
    [Key, References<BusinessEntity>] public int businessentityid { get; set; }
    /// <summary>Primary type of person: SC = Store Contact, IN = Individual (retail) customer, SP = Sales person, EM = Employee (non-sales), VC = Vendor contact, GC = General contact</summary>
    [Column(TypeName = "char(2)")] public string persontype { get; set; } = null!;
    /// <summary>0 = The data in FirstName and LastName are stored in western style (first name, last name) order.  1 = Eastern style (last name, first name) order.</summary>
    [Column(TypeName = "public.\"NameStyle\""), DefaultSql("false")] public bool namestyle { get; set; }
    /// <summary>A courtesy title. For example, Mr. or Ms.</summary>
    [MaxLength(8)] public string? title { get; set; }
    /// <summary>First name of the person.</summary>
    [Column(TypeName = "public.\"Name\"")] public string firstname { get; set; } = null!;
    /// <summary>Middle name or middle initial of the person.</summary>
    [Column(TypeName = "public.\"Name\"")] public string? middlename { get; set; }
    /// <summary>Last name of the person.</summary>
    [Column(TypeName = "public.\"Name\"")] public string lastname { get; set; } = null!;
    /// <summary>Surname suffix. For example, Sr. or Jr.</summary>
    [MaxLength(10)] public string? suffix { get; set; }
    /// <summary>0 = Contact does not wish to receive e-mail promotions, 1 = Contact does wish to receive e-mail promotions from AdventureWorks, 2 = Contact does wish to receive e-mail promotions from AdventureWorks and selected partners.</summary>
    [DefaultSql("0")] public int emailpromotion { get; set; }
    /// <summary>Additional contact information about the person stored in xml format.</summary>
    [Column(TypeName = "xml")] public string? additionalcontactinfo { get; set; }
    /// <summary>Personal information such as hobbies, and income collected from online shoppers. Used for sales analysis.</summary>
    [Column(TypeName = "xml")] public string? demographics { get; set; }
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>State and province lookup table.</summary>
[Table("stateprovince")]
public class StateProvince
{
    /// <summary>Primary key for StateProvince records.</summary>
    [Key, DefaultSql("nextval('person.stateprovince_stateprovinceid_seq'::regclass)")] public int stateprovinceid { get; set; }
    /// <summary>ISO standard state or province code.</summary>
    [Column(TypeName = "char(3)")] public string stateprovincecode { get; set; } = null!;
    /// <summary>ISO standard country or region code. Foreign key to CountryRegion.CountryRegionCode.</summary>
    [MaxLength(3), References<CountryRegion>] public string countryregioncode { get; set; } = null!;
    /// <summary>0 = StateProvinceCode exists. 1 = StateProvinceCode unavailable, using CountryRegionCode.</summary>
    [Column(TypeName = "public.\"Flag\""), DefaultSql("true")] public bool isonlystateprovinceflag { get; set; }
    /// <summary>State or province description.</summary>
    [Column(TypeName = "public.\"Name\"")] public string name { get; set; } = null!;
    /// <summary>ID of the territory in which the state or province is located. Foreign key to SalesTerritory.SalesTerritoryID.</summary>
    public int territoryid { get; set; }
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Street address information for customers, employees, and vendors.</summary>
[Table("address")]
public class Address
{
    /// <summary>Primary key for Address records.</summary>
    [Key, DefaultSql("nextval('person.address_addressid_seq'::regclass)")] public int addressid { get; set; }
    /// <summary>First street address line.</summary>
    [MaxLength(60)] public string addressline1 { get; set; } = null!;
    /// <summary>Second street address line.</summary>
    [MaxLength(60)] public string? addressline2 { get; set; }
    /// <summary>Name of the city.</summary>
    [MaxLength(30)] public string city { get; set; } = null!;
    /// <summary>Unique identification number for the state or province. Foreign key to StateProvince table.</summary>
    [References<StateProvince>] public int stateprovinceid { get; set; }
    /// <summary>Postal code for the street address.</summary>
    [MaxLength(15)] public string postalcode { get; set; } = null!;
    /// <summary>Latitude and longitude of this address.</summary>
    public byte[]? spatiallocation { get; set; }
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Types of addresses stored in the Address table.</summary>
[Table("addresstype")]
public class AddressType
{
    /// <summary>Primary key for AddressType records.</summary>
    [Key, DefaultSql("nextval('person.addresstype_addresstypeid_seq'::regclass)")] public int addresstypeid { get; set; }
    /// <summary>Address type description. For example, Billing, Home, or Shipping.</summary>
    [Column(TypeName = "public.\"Name\"")] public string name { get; set; } = null!;
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Cross-reference table mapping customers, vendors, and employees to their addresses.</summary>
[Table("businessentityaddress")]
public class BusinessEntityAddress
{
    /// <summary>Primary key. Foreign key to BusinessEntity.BusinessEntityID.</summary>
    [Key, Column(Order = 0), References<BusinessEntity>] public int businessentityid { get; set; }
    /// <summary>Primary key. Foreign key to Address.AddressID.</summary>
    [Key, Column(Order = 1), References<Address>] public int addressid { get; set; }
    /// <summary>Primary key. Foreign key to AddressType.AddressTypeID.</summary>
    [Key, Column(Order = 2), References<AddressType>] public int addresstypeid { get; set; }
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Lookup table containing the types of business entity contacts.</summary>
[Table("contacttype")]
public class ContactType
{
    /// <summary>Primary key for ContactType records.</summary>
    [Key, DefaultSql("nextval('person.contacttype_contacttypeid_seq'::regclass)")] public int contacttypeid { get; set; }
    /// <summary>Contact type description.</summary>
    [Column(TypeName = "public.\"Name\"")] public string name { get; set; } = null!;
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Cross-reference table mapping stores, vendors, and employees to people</summary>
[Table("businessentitycontact")]
public class BusinessEntityContact
{
    /// <summary>Primary key. Foreign key to BusinessEntity.BusinessEntityID.</summary>
    [Key, Column(Order = 0), References<BusinessEntity>] public int businessentityid { get; set; }
    /// <summary>Primary key. Foreign key to Person.BusinessEntityID.</summary>
    [Key, Column(Order = 1), References<Person>] public int personid { get; set; }
    /// <summary>Primary key.  Foreign key to ContactType.ContactTypeID.</summary>
    [Key, Column(Order = 2), References<ContactType>] public int contacttypeid { get; set; }
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Where to send a person email.</summary>
[Table("emailaddress")]
public class EmailAddress
{
    /// <summary>Primary key. Person associated with this email address.  Foreign key to Person.BusinessEntityID</summary>
    [Key, Column(Order = 0), References<Person>] public int businessentityid { get; set; }
    /// <summary>Primary key. ID of this email address.</summary>
    [Key, Column(Order = 1), DefaultSql("nextval('person.emailaddress_emailaddressid_seq'::regclass)")] public int emailaddressid { get; set; }
    /// <summary>E-mail address for the person.</summary>
    [MaxLength(50)] public string? emailaddress { get; set; }
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>One way hashed authentication information</summary>
[Table("password")]
public class Password
{
    [Key, References<Person>] public int businessentityid { get; set; }
    /// <summary>Password for the e-mail account.</summary>
    [MaxLength(128)] public string passwordhash { get; set; } = null!;
    /// <summary>Random value concatenated with the password string before the password is hashed.</summary>
    [MaxLength(10)] public string passwordsalt { get; set; } = null!;
    [DefaultSql("uuid_generate_v1()")] public Guid rowguid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Type of phone number of a person.</summary>
[Table("phonenumbertype")]
public class PhoneNumberType
{
    /// <summary>Primary key for telephone number type records.</summary>
    [Key, DefaultSql("nextval('person.phonenumbertype_phonenumbertypeid_seq'::regclass)")] public int phonenumbertypeid { get; set; }
    /// <summary>Name of the telephone number type</summary>
    [Column(TypeName = "public.\"Name\"")] public string name { get; set; } = null!;
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Telephone number and type of a person.</summary>
[Table("personphone")]
public class PersonPhone
{
    /// <summary>Business entity identification number. Foreign key to Person.BusinessEntityID.</summary>
    [Key, Column(Order = 0), References<Person>] public int businessentityid { get; set; }
    /// <summary>Telephone number identification number.</summary>
    [Key, Column(Order = 1, TypeName = "public.\"Phone\"")] public string phonenumber { get; set; } = null!;
    /// <summary>Kind of phone number. Foreign key to PhoneNumberType.PhoneNumberTypeID.</summary>
    [Key, Column(Order = 2), References<PhoneNumberType>] public int phonenumbertypeid { get; set; }
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}

/// <summary>Lookup table containing the ISO standard codes for countries and regions.</summary>
[Table("countryregion")]
public class CountryRegion
{
    /// <summary>ISO standard code for countries and regions.</summary>
    [Key, MaxLength(3)] public string countryregioncode { get; set; } = null!;
    /// <summary>Country or region name.</summary>
    [Column(TypeName = "public.\"Name\"")] public string name { get; set; } = null!;
    [Column(TypeName = "timestamp"), DefaultSql("now()")] public DateTime modifieddate { get; set; }
}
