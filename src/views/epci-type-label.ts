const EPCI_TYPES: Record<string, string> = {
  CA: "Communauté d'agglomération",
  CC: 'Communauté de communes',
  CU: 'Communauté urbaine',
  ME: 'Métropole',
  METLYON: 'Métropole de Lyon',
};

/** French name of an EPCI legal form (CA, CC, CU, ME, METLYON); the code itself if unknown. */
export function epciTypeLabel(type: string): string {
  return EPCI_TYPES[type] ?? type;
}
