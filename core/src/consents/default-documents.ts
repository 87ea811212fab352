import { defaultConsentDocumentsEs } from './default-documents-es';
import type { ConsentKind } from './kinds';

/**
 * The version-1 consent texts every clinic starts with, in plain language (simple markdown: `## ` headings,
 * `- ` bullets, blank lines between paragraphs). Facts come from the project's clinical evidence notes
 * (device and RF safety, aftercare timeline, expected effects and adverse events). A clinic owner publishes
 * its own wording as a new version.
 */
export interface DefaultConsentDocument {
  kind: ConsentKind;
  title: string;
  body: string;
  /** The same text in Spanish (`default-documents-es.ts`). */
  spanish: { title: string; body: string };
}

const duties = `## What we ask of you
- Tell us about every medicine you take, including blood thinners, aspirin, supplements (such as fish oil, vitamin E or ginkgo), acne medicines such as isotretinoin, and anything you put on your skin such as retinoids or acids.
- Tell us about any change in your health before each session: pregnancy, a new illness, a cold sore, an infection, a recent tan or sunburn.
- Follow the aftercare instructions you are given, and keep your follow-up appointments.
- Protect your skin from the sun: stay out of strong sun for about a week, and use a broad-spectrum sunscreen (SPF 30 or higher, a mineral one is best) every day for at least two weeks.
- Contact us the same day if you notice spreading redness, warmth, pus, fever, blisters or grouped sores, pain that gets worse instead of better, or any change in your eyesight.`;

const rights = `## Your choice
- You may ask questions at any time, before you sign and before each session.
- You may refuse this treatment or stop a course of treatment at any time. If you want to stop, please talk to us so we can tell you what stopping means for you.
- No result can be guaranteed. How much your skin improves differs from person to person.`;

const numbing = `- Allergic reaction or irritation from the numbing cream: itching, rash or swelling. Numbing creams can rarely be absorbed in amounts that cause tingling around the mouth, a metallic taste, light-headedness or ringing in the ears. Tell staff at once if you notice any of these.`;

const commonEffects = `## What you can expect afterwards
- Redness, a feeling like mild sunburn, tightness and swelling. This usually settles in 1 to 3 days and can last up to 5 to 7 days.
- Pinpoint bleeding during the treatment and just after it. This is expected and stops with gentle pressure.
- Dryness and flaking from about day 2 to day 7. Do not pick or scrub it.
- Small bruises, especially if you take medicines or supplements that thin the blood.`;

const microneedlingRisks = `## Risks
Serious problems are uncommon, but you should know about them:
- Infection. Keep the skin clean and do not touch it. Rarely, an infection can show up weeks later as firm red bumps.
- Cold sores. If you have had cold sores, treatment near the mouth can bring them back. Tell us, so we can discuss medicine to prevent them.
- Post-inflammatory hyperpigmentation: darker patches where the skin was treated. This is more likely in darker skin types; in one study of darker skin it happened in about 1 in 6 people. It usually fades over weeks to months, and sun protection lowers the risk.
- Scarring, such as thin lines ("tram tracks") or small firm bumps (granulomas). This is rare.
- Acne flare-ups or small white bumps (milia).
${numbing}
- Pain or discomfort during the treatment.`;

const mechanical = `## What the treatment is
Microneedling (also called collagen induction therapy) uses a pen with many very fine, sterile needles to make tiny channels in the skin. The skin repairs these channels, and as it heals it makes new collagen and elastin. It is used for scars (for example acne scars), stretch marks, fine lines, large pores and uneven pigmentation.

A new sterile needle cartridge is used for you and thrown away afterwards. We usually apply a numbing cream first. The needle depth is chosen for each area of skin and written in your record.

## What results to expect
Results build up gradually over weeks to months as new collagen forms. A course is usually 3 to 6 sessions, 4 to 6 weeks apart, sometimes followed by a maintenance session every 6 to 12 months. Deep, narrow ("ice-pick") scars respond less well and may need other treatments.

${commonEffects}

${microneedlingRisks}

## Alternatives
You do not have to have this treatment. Other options include no treatment, skin-care products (such as retinoids or vitamin C), chemical peels, laser treatments, and, for some scars, surgical methods. We are happy to talk them through with you.

${duties}

${rights}`;

const rf = `## What the treatment is
Radiofrequency (RF) microneedling combines microneedling with heat. Very fine, sterile needles enter the skin and release radiofrequency energy at their tips, which heats the deeper skin and encourages it to tighten and make new collagen. It is used for loose skin, acne scars, large pores and excessive sweating.

We usually apply a numbing cream first. Settings are chosen for each area of skin and written in your record.

## Who should not have it
Tell us if you have a pacemaker, defibrillator or any other implanted electronic device: RF treatment is not possible then. Tell us as well about metal implants or gold threads in the area to be treated, and about any autoimmune or connective-tissue disease.

## What results to expect
Results build up over weeks to months. Most people need more than one session, usually 4 to 6 weeks apart. How much your skin improves differs from person to person.

${commonEffects}

## Risks
Serious problems are uncommon, but you should know about them. In 2024 the US Food and Drug Administration warned that RF microneedling can cause burns, scarring, loss of fat under the skin (which can leave a hollow), disfigurement and nerve damage, and that some of these needed surgery. Other risks:
- Darker patches of skin (post-inflammatory hyperpigmentation). This is more likely after RF than after microneedling alone, and more likely in darker skin types. It usually fades over weeks to months.
- Infection, including infection that shows up weeks later as firm red bumps.
- Cold sores coming back if you have had them before.
- Scarring, which is rare.
${numbing}
- Pain or heat during the treatment.

## Alternatives
You do not have to have this treatment. Other options include no treatment, microneedling without radiofrequency, skin-care products, chemical peels, laser treatments and, for some problems, surgery. We are happy to talk them through with you.

${duties}

${rights}`;

const prp = `## What the treatment is
Platelet-rich plasma (PRP) is made from your own blood. We take a small amount of blood from your arm, spin it in a machine to concentrate the platelets, and then put the plasma on your skin during microneedling or inject it into the skin. Platelets contain growth factors that may help the skin heal and renew. This consent covers PRP only; the microneedling itself has its own consent.

## What results to expect
For acne scars, combined studies suggest that adding PRP to microneedling makes a good improvement more likely and that patients are more often satisfied. The evidence comes from small studies, and PRP may not make a visible difference for you.

## Risks
- Bruising, soreness or, rarely, fainting where the blood is taken.
- More redness and swelling after the session, usually settling within days.
- Infection where the blood is taken or where PRP is applied or injected.
- Lumps or bruising at injection sites.
- Because PRP comes from your own blood, an allergic reaction to it is very unlikely; the numbing cream can still cause one (see the microneedling consent).

## Who should not have it
Tell us if you have a blood or platelet disorder, take blood thinners, have an active infection, cancer, or are pregnant or breastfeeding.

## Alternatives
You can have microneedling without PRP, or no treatment at all.

${duties}

${rights}`;

const photoCommon = `## Your choice
- This consent is optional. Saying no, or withdrawing it later, will not change your care in any way.
- You can withdraw this consent at any time in the patient portal or by telling us. From then on we will not use your photos for this purpose.`;

const photoClinical = `## What the photos are for
We take photos of the treated areas before, during and after your course of treatment. We use them to plan your treatment, to see how your skin responds, and to compare results over time. These photos are part of your clinical record.

## Who sees them
Only the clinic staff involved in your care. They are stored securely with the rest of your record and kept for as long as the law requires for medical records. They are never used for teaching or advertising unless you sign a separate consent for that.

${photoCommon}
- If you withdraw it, we will take no new photos. Photos already taken stay in your clinical record, because the law requires us to keep a complete record.
- Without photos, comparing your results over time is harder, but we can still treat you.`;

const photoTeaching = `## What the photos are for
With your permission we may use photos of your treated skin to teach other clinicians: in staff training, at professional meetings, and in professional journals or textbooks.

## Who sees them
Clinicians, students and other health professionals. We crop photos to the treated area and remove your name and other details that could identify you. We cover or crop out your eyes where the treated area allows. Even so, someone who knows you well might recognise you.

${photoCommon}
- Material that has already been printed or published cannot always be recalled, but we will not use your photos in anything new.`;

const photoMarketing = `## What the photos are for
With your permission we may use your before-and-after photos to show our work to the public: on our website, on social media, in brochures and in advertisements.

## Who sees them
Anyone. Your photos may show your face, and people may recognise you. We will never publish your name or other personal details with them, and you will not be paid for their use.

${photoCommon}
- When you withdraw it, we will remove your photos from our website, social media and brochures as soon as we reasonably can. We cannot recall copies that others have already saved or shared.`;

const english: readonly Omit<DefaultConsentDocument, 'spanish'>[] = [
  { kind: 'treatment-mechanical', title: 'Consent to microneedling treatment', body: mechanical },
  { kind: 'treatment-rf', title: 'Consent to radiofrequency (RF) microneedling', body: rf },
  { kind: 'adjunct-prp', title: 'Consent to platelet-rich plasma (PRP) with microneedling', body: prp },
  { kind: 'photo-clinical', title: 'Consent to clinical photographs for my record', body: photoClinical },
  { kind: 'photo-teaching', title: 'Consent to the use of my photographs for teaching', body: photoTeaching },
  {
    kind: 'photo-marketing',
    title: 'Consent to the use of my photographs in the clinic’s marketing',
    body: photoMarketing,
  },
];

export const defaultConsentDocuments: readonly DefaultConsentDocument[] = english.map((document) => ({
  ...document,
  spanish: defaultConsentDocumentsEs[document.kind],
}));
