package pl.kmzb.encode;

import java.util.List;
import java.util.Optional;

/** Which attributes a feature type carries: the public view or the police view of a report. */
public enum FeatureView {
  PUBLIC(List.of(FeatureProperty.CATEGORY, FeatureProperty.STATUS, FeatureProperty.REPORTED_AT,
      FeatureProperty.OCCURRED_ON, FeatureProperty.TIME_OF_DAY, FeatureProperty.GENERALISED_TO_METRES,
      FeatureProperty.MUNICIPALITY, FeatureProperty.DESCRIPTION)),
  POLICE(List.of(FeatureProperty.CATEGORY, FeatureProperty.STATUS, FeatureProperty.REPORTED_AT,
      FeatureProperty.OCCURRED_ON, FeatureProperty.TIME_OF_DAY, FeatureProperty.DESCRIPTION,
      FeatureProperty.DESCRIPTION_PUBLIC, FeatureProperty.SOURCE, FeatureProperty.VOIVODESHIP,
      FeatureProperty.COUNTY, FeatureProperty.MUNICIPALITY, FeatureProperty.EXTERNAL_ID,
      FeatureProperty.PAST_DEADLINE, FeatureProperty.UPDATED_AT));

  private final List<FeatureProperty> properties;

  FeatureView(List<FeatureProperty> properties) {
    this.properties = properties;
  }

  public List<FeatureProperty> properties() {
    return properties;
  }

  public Optional<FeatureProperty> property(String name) {
    return properties.stream().filter(p -> p.propertyName().equals(name)).findFirst();
  }
}
