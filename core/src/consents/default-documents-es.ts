import type { ConsentKind } from './kinds';

/**
 * The Spanish text of every version-1 consent document (`default-documents.ts`): a plain, faithful translation of
 * the English, same headings and bullets in the same order, nothing added or left out. A clinic owner publishes
 * its own wording, in either language, as a new version.
 */
const duties = `## Lo que le pedimos
- Díganos todos los medicamentos que toma, incluidos los anticoagulantes, la aspirina, los suplementos (como aceite de pescado, vitamina E o ginkgo), los medicamentos para el acné como la isotretinoína, y todo lo que se aplica en la piel, como retinoides o ácidos.
- Díganos cualquier cambio en su salud antes de cada sesión: embarazo, una enfermedad nueva, un herpes labial, una infección, un bronceado o una quemadura de sol recientes.
- Siga las instrucciones de cuidados posteriores que le demos y acuda a sus citas de seguimiento.
- Proteja su piel del sol: evite el sol fuerte durante una semana aproximadamente y use todos los días, durante al menos dos semanas, un protector solar de amplio espectro (FPS 30 o más; mejor uno mineral).
- Comuníquese con nosotros el mismo día si nota enrojecimiento que se extiende, calor, pus, fiebre, ampollas o llagas agrupadas, dolor que empeora en lugar de mejorar, o cualquier cambio en su vista.`;

const rights = `## Su decisión
- Puede hacer preguntas en cualquier momento, antes de firmar y antes de cada sesión.
- Puede rechazar este tratamiento o dejar un ciclo de tratamiento en cualquier momento. Si quiere dejarlo, hable con nosotros para que le expliquemos qué significa para usted.
- No se puede garantizar ningún resultado. Cuánto mejora la piel varía de una persona a otra.`;

const numbing = `- Reacción alérgica o irritación por la crema anestésica: picazón, sarpullido o hinchazón. En raras ocasiones, el cuerpo puede absorber tanta crema anestésica que cause hormigueo alrededor de la boca, sabor metálico, mareo o zumbido en los oídos. Avise de inmediato al personal si nota alguno de estos síntomas.`;

const commonEffects = `## Qué puede esperar después
- Enrojecimiento, una sensación parecida a una quemadura de sol leve, tirantez e hinchazón. Suele pasar en 1 a 3 días y puede durar hasta 5 a 7 días.
- Pequeños puntos de sangrado durante el tratamiento y justo después. Es lo esperado y se detiene con una presión suave.
- Sequedad y descamación entre el día 2 y el día 7 aproximadamente. No la arranque ni la frote.
- Pequeños moretones, sobre todo si toma medicamentos o suplementos que hacen la sangre más líquida.`;

const microneedlingRisks = `## Riesgos
Los problemas graves son poco frecuentes, pero debe conocerlos:
- Infección. Mantenga la piel limpia y no la toque. En raras ocasiones, una infección puede aparecer semanas después como bultos rojos y firmes.
- Herpes labial. Si ha tenido herpes labial, el tratamiento cerca de la boca puede hacer que vuelva. Díganoslo para que podamos hablar de un medicamento que lo prevenga.
- Hiperpigmentación posinflamatoria: manchas más oscuras donde se trató la piel. Es más probable en las pieles más oscuras; en un estudio en piel oscura le ocurrió a aproximadamente 1 de cada 6 personas. Suele aclararse en semanas o meses, y protegerse del sol reduce el riesgo.
- Cicatrices, como líneas finas ("marcas de rieles") o pequeños bultos firmes (granulomas). Es raro.
- Brotes de acné o pequeños granitos blancos (milia).
${numbing}
- Dolor o molestias durante el tratamiento.`;

const mechanical = `## En qué consiste el tratamiento
La micropunción (también llamada microneedling o terapia de inducción de colágeno) usa un bolígrafo con muchas agujas estériles muy finas para hacer canales diminutos en la piel. La piel repara estos canales y, al curarse, produce colágeno y elastina nuevos. Se usa para cicatrices (por ejemplo, cicatrices de acné), estrías, líneas finas, poros grandes y pigmentación irregular.

Para usted se usa un cartucho de agujas estéril y nuevo, que se desecha después. Normalmente aplicamos primero una crema anestésica. La profundidad de las agujas se elige para cada zona de la piel y se anota en su expediente.

## Qué resultados esperar
Los resultados aparecen poco a poco, a lo largo de semanas o meses, a medida que se forma colágeno nuevo. Un ciclo suele ser de 3 a 6 sesiones, con 4 a 6 semanas entre ellas, a veces seguido de una sesión de mantenimiento cada 6 a 12 meses. Las cicatrices profundas y estrechas ("en picahielo") responden peor y pueden necesitar otros tratamientos.

${commonEffects}

${microneedlingRisks}

## Alternativas
No está obligado a hacerse este tratamiento. Otras opciones son no hacer ningún tratamiento, productos para el cuidado de la piel (como retinoides o vitamina C), peelings químicos, tratamientos con láser y, para algunas cicatrices, métodos quirúrgicos. Con gusto se las explicamos.

${duties}

${rights}`;

const rf = `## En qué consiste el tratamiento
La micropunción con radiofrecuencia (RF) combina la micropunción con calor. Agujas estériles muy finas entran en la piel y liberan energía de radiofrecuencia en sus puntas, que calienta la piel más profunda y la estimula a tensarse y a producir colágeno nuevo. Se usa para la piel flácida, las cicatrices de acné, los poros grandes y el sudor excesivo.

Normalmente aplicamos primero una crema anestésica. Los ajustes se eligen para cada zona de la piel y se anotan en su expediente.

## Quién no debe hacérselo
Díganos si tiene un marcapasos, un desfibrilador o cualquier otro dispositivo electrónico implantado: en ese caso no es posible el tratamiento con RF. Díganos también si tiene implantes metálicos o hilos de oro en la zona a tratar, y si tiene alguna enfermedad autoinmune o del tejido conectivo.

## Qué resultados esperar
Los resultados aparecen a lo largo de semanas o meses. La mayoría de las personas necesita más de una sesión, normalmente con 4 a 6 semanas entre ellas. Cuánto mejora la piel varía de una persona a otra.

${commonEffects}

## Riesgos
Los problemas graves son poco frecuentes, pero debe conocerlos. En 2024 la Administración de Alimentos y Medicamentos de EE. UU. (FDA) advirtió que la micropunción con RF puede causar quemaduras, cicatrices, pérdida de grasa bajo la piel (que puede dejar un hundimiento), desfiguración y daño en los nervios, y que algunos de estos casos necesitaron cirugía. Otros riesgos:
- Manchas más oscuras en la piel (hiperpigmentación posinflamatoria). Es más probable después de la RF que después de la micropunción sola, y más probable en las pieles más oscuras. Suele aclararse en semanas o meses.
- Infección, incluida la que aparece semanas después como bultos rojos y firmes.
- Que vuelva el herpes labial si lo ha tenido antes.
- Cicatrices, que son raras.
${numbing}
- Dolor o calor durante el tratamiento.

## Alternativas
No está obligado a hacerse este tratamiento. Otras opciones son no hacer ningún tratamiento, la micropunción sin radiofrecuencia, productos para el cuidado de la piel, peelings químicos, tratamientos con láser y, para algunos problemas, cirugía. Con gusto se las explicamos.

${duties}

${rights}`;

const prp = `## En qué consiste el tratamiento
El plasma rico en plaquetas (PRP) se obtiene de su propia sangre. Le sacamos un poco de sangre del brazo, la hacemos girar en una máquina para concentrar las plaquetas y después ponemos el plasma sobre su piel durante la micropunción o lo inyectamos en la piel. Las plaquetas contienen factores de crecimiento que pueden ayudar a la piel a curarse y renovarse. Este consentimiento cubre solo el PRP; la micropunción tiene su propio consentimiento.

## Qué resultados esperar
Para las cicatrices de acné, los estudios combinados sugieren que añadir PRP a la micropunción hace más probable una buena mejoría y que los pacientes quedan satisfechos con más frecuencia. La evidencia viene de estudios pequeños, y es posible que el PRP no le produzca una diferencia visible.

## Riesgos
- Moretón, dolor o, en raras ocasiones, desmayo donde se saca la sangre.
- Más enrojecimiento e hinchazón después de la sesión, que suelen pasar en unos días.
- Infección donde se saca la sangre o donde se aplica o inyecta el PRP.
- Bultos o moretones en los lugares de inyección.
- Como el PRP viene de su propia sangre, una reacción alérgica a él es muy poco probable; la crema anestésica sí puede causarla (vea el consentimiento de micropunción).

## Quién no debe hacérselo
Díganos si tiene un trastorno de la sangre o de las plaquetas, si toma anticoagulantes, si tiene una infección activa o cáncer, o si está embarazada o dando el pecho.

## Alternativas
Puede hacerse la micropunción sin PRP, o no hacer ningún tratamiento.

${duties}

${rights}`;

const photoCommon = `## Su decisión
- Este consentimiento es opcional. Decir que no, o retirarlo más adelante, no cambiará su atención en nada.
- Puede retirar este consentimiento en cualquier momento en el portal del paciente o diciéndonoslo. Desde entonces no usaremos sus fotos para este fin.`;

const photoClinical = `## Para qué son las fotos
Tomamos fotos de las zonas tratadas antes, durante y después de su ciclo de tratamiento. Las usamos para planificar su tratamiento, para ver cómo responde su piel y para comparar los resultados con el tiempo. Estas fotos forman parte de su expediente clínico.

## Quién las ve
Solo el personal de la clínica que participa en su atención. Se guardan de forma segura con el resto de su expediente y se conservan durante el tiempo que la ley exige para los expedientes médicos. Nunca se usan para la enseñanza ni para la publicidad, salvo que usted firme un consentimiento aparte para ello.

${photoCommon}
- Si lo retira, no tomaremos fotos nuevas. Las fotos ya tomadas se quedan en su expediente clínico, porque la ley nos obliga a conservar un expediente completo.
- Sin fotos es más difícil comparar sus resultados con el tiempo, pero podemos seguir tratándole.`;

const photoTeaching = `## Para qué son las fotos
Con su permiso, podemos usar fotos de su piel tratada para enseñar a otros profesionales clínicos: en la formación del personal, en reuniones profesionales y en revistas o libros de texto profesionales.

## Quién las ve
Profesionales clínicos, estudiantes y otros profesionales de la salud. Recortamos las fotos a la zona tratada y quitamos su nombre y otros datos que puedan identificarle. Tapamos o recortamos sus ojos cuando la zona tratada lo permite. Aun así, alguien que le conozca bien podría reconocerle.

${photoCommon}
- El material que ya se ha impreso o publicado no siempre se puede retirar, pero no usaremos sus fotos en nada nuevo.`;

const photoMarketing = `## Para qué son las fotos
Con su permiso, podemos usar sus fotos de antes y después para mostrar nuestro trabajo al público: en nuestro sitio web, en las redes sociales, en folletos y en anuncios.

## Quién las ve
Cualquier persona. Sus fotos pueden mostrar su cara y la gente podría reconocerle. Nunca publicaremos su nombre ni otros datos personales con ellas, y no se le pagará por su uso.

${photoCommon}
- Cuando lo retire, quitaremos sus fotos de nuestro sitio web, de las redes sociales y de los folletos tan pronto como sea razonablemente posible. No podemos recuperar las copias que otras personas ya hayan guardado o compartido.`;

export const defaultConsentDocumentsEs: Readonly<Record<ConsentKind, { title: string; body: string }>> = {
  'treatment-mechanical': { title: 'Consentimiento para el tratamiento de micropunción', body: mechanical },
  'treatment-rf': { title: 'Consentimiento para la micropunción con radiofrecuencia (RF)', body: rf },
  'adjunct-prp': {
    title: 'Consentimiento para el plasma rico en plaquetas (PRP) con micropunción',
    body: prp,
  },
  'photo-clinical': {
    title: 'Consentimiento para fotografías clínicas en mi expediente',
    body: photoClinical,
  },
  'photo-teaching': {
    title: 'Consentimiento para el uso de mis fotografías en la enseñanza',
    body: photoTeaching,
  },
  'photo-marketing': {
    title: 'Consentimiento para el uso de mis fotografías en la publicidad de la clínica',
    body: photoMarketing,
  },
};
