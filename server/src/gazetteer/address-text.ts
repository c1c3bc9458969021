// How a gazetteer address reads: its label, the one line mast prints (and people type back).

export interface AddressParts {
  subBuilding: string | null;
  buildingName: string | null;
  buildingNumber: string | null;
  street: string;
  locality: string | null;
  town: string;
}

export function addressLabel(a: AddressParts): string {
  const parts: string[] = [];
  if (a.subBuilding) parts.push(a.subBuilding);
  if (a.buildingName) parts.push(a.buildingName);
  parts.push(a.buildingNumber ? `${a.buildingNumber} ${a.street}` : a.street);
  if (a.locality) parts.push(a.locality);
  parts.push(a.town);
  return parts.join(', ');
}
