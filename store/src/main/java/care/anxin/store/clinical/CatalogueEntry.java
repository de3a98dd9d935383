package care.anxin.store.clinical;

/** A common chronic condition of the catalogue, with its default follow-up interval. */
public record CatalogueEntry(String icd10, String nameZh, String nameEn, Integer followUpDays) {
}
