/**
 * What a staff calendar feed calls a session: the patient's initials and the service, because a calendar app on a
 * phone shows it on the lock screen and shares it with whoever the calendar is shared with. A clinic may choose
 * full names (clinic setting `calendarFeedFullNames`).
 */
export function initialsOf(givenName: string, familyName: string): string {
  const initial = (name: string) => {
    const first = [...name.trim()][0];
    return first ? `${first.toLocaleUpperCase()}.` : '';
  };
  return `${initial(givenName)}${initial(familyName)}` || '?';
}

export function staffFeedSummary(
  patient: { givenName: string; familyName: string },
  service: string,
  fullNames: boolean,
): string {
  const who = fullNames
    ? `${patient.givenName} ${patient.familyName}`.trim()
    : initialsOf(patient.givenName, patient.familyName);
  return `${who}: ${service}`;
}
