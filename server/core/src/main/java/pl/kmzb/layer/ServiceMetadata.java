package pl.kmzb.layer;

import java.util.List;

/**
 * What capabilities documents say about the service and who runs it, from {@code layers/layers.yaml}.
 * Optional parts are null when the file leaves them out.
 *
 * @param summary the abstract
 * @param fees e.g. "none"
 * @param accessConstraints e.g. "none" or a licence statement
 * @param providerSite the operator's web site; may be null
 * @param address the contact's postal address; may be null
 */
public record ServiceMetadata(Text title, Text summary, List<String> keywords, String contactPerson,
    String contactPosition, String contactOrganisation, String contactEmail, String contactPhone,
    Address address, String providerSite, String fees, String accessConstraints) {
  public ServiceMetadata {
    keywords = List.copyOf(keywords);
  }

  /** A postal address as WMS's ContactAddress has it. */
  public record Address(String type, String street, String city, String region, String postCode, String country) {}
}
