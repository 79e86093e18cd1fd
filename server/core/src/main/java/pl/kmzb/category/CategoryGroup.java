package pl.kmzb.category;

/** A group of categories (road, public order, nature and animals, water, people needing help). */
public record CategoryGroup(String code, String namePl, String nameEn) {}
