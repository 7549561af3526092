-- The sequences behind the original's SERIAL keys (SERIAL is integer DEFAULT nextval of a sequence it owns):
-- the model states the default on the key and the sequence here.
CREATE SEQUENCE person.businessentity_businessentityid_seq AS integer;
CREATE SEQUENCE person.stateprovince_stateprovinceid_seq AS integer;
CREATE SEQUENCE person.address_addressid_seq AS integer;
CREATE SEQUENCE person.addresstype_addresstypeid_seq AS integer;
CREATE SEQUENCE person.contacttype_contacttypeid_seq AS integer;
CREATE SEQUENCE person.emailaddress_emailaddressid_seq AS integer;
CREATE SEQUENCE person.phonenumbertype_phonenumbertypeid_seq AS integer;
