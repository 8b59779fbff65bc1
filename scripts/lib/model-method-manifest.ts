/**
 * The method block of the modelled dataset in the manifest (`src/domain/model-method.ts`): what
 * the build read (with vintage and source), the basis of each variable and the assumptions.
 */
import type { MethodInput, MethodVariable, ModelMethod } from '../../src/domain/model-method.ts';
import type { ModelInputsReport } from './model-inputs.ts';
import { ONRE_2023_SOURCE_URLS } from './onre-reference.ts';
import { getSource, type SourceId } from './sources.ts';

function sourceInput(id: SourceId): MethodInput {
  const source = getSource(id);
  return {
    title: source.title,
    producer: source.producer,
    vintage: source.vintage,
    url: source.url,
  };
}

/** The method of the stock generated from `report`'s inputs. */
export function buildModelMethod(
  report: ModelInputsReport,
  validation: readonly string[] = [],
): ModelMethod {
  const commune = report.communeFile;
  const periodsFrom =
    commune !== null
      ? `recensement ${commune.year} par commune (fichier fourni, ${commune.accepted.toLocaleString('fr-FR')} communes)`
      : 'recensement par EPCI, réparti entre les communes selon la densité sans changer les totaux de l’EPCI';
  const census = commune !== null;
  const inputs: MethodInput[] = [
    commune !== null
      ? {
          title: `Recensement de la population par commune (base « logement », fichier ${commune.path.split('/').pop() ?? ''})`,
          producer: 'INSEE',
          vintage: String(commune.year),
          url: 'https://www.insee.fr/fr/recherche?q=base-cc-logement',
        }
      : sourceInput('insee-rp-periods-epci'),
    sourceInput('communes-contours-2025'),
    {
      title: 'Parts nationales des étiquettes DPE des résidences principales (calage)',
      producer: 'ONRE / SDES',
      vintage: '1er janvier 2023',
      url: ONRE_2023_SOURCE_URLS[0] ?? '',
    },
    {
      title: 'Zones climatiques par département et coefficient Mcgéo (arrêté du 26 octobre 2010)',
      producer: 'Ministère chargé de la construction (Légifrance)',
      vintage: '2010',
      url: 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000022959397',
    },
  ];
  const variables: MethodVariable[] = [
    {
      key: 'period',
      label: 'Période de construction',
      basis: 'census',
      detail: `${periodsFrom} ; les tranches du recensement sont réparties entre les périodes réglementaires selon le rythme national des constructions (hypothèse).`,
    },
    {
      key: 'dwellings',
      label: 'Nombre de logements',
      basis: census ? 'census' : 'modelled',
      detail: census
        ? 'logements du recensement de la commune'
        : '0,451 résidence principale par habitant (0,55 logement × 82 %), population municipale de la commune',
    },
    {
      key: 'occupancy',
      label: 'Résidences principales, secondaires, vacants',
      basis: census && commune?.optionalColumns.includes('RSECOCC') ? 'census' : 'assumed',
      detail:
        'parts du recensement si le fichier les donne, sinon hypothèse par département (montagne, littoral) et taille de commune',
    },
    {
      key: 'type',
      label: 'Maison ou appartement',
      basis: census && commune?.optionalColumns.includes('APPART') ? 'census' : 'modelled',
      detail:
        'part d’appartements du recensement si donnée, sinon modélisée selon la densité et la population de la commune ; plus d’appartements parmi les logements de 1946–1990',
    },
    {
      key: 'surface',
      label: 'Surface',
      basis: 'modelled',
      detail:
        'bandes de surface nationales par type et statut d’occupation, logements plus petits dans les communes denses',
    },
    {
      key: 'tenure',
      label: 'Statut d’occupation',
      basis: census && commune?.optionalColumns.includes('RP_PROP') ? 'census' : 'assumed',
      detail:
        'parts du recensement si données, sinon parts nationales par type, HLM plus fréquent en ville',
    },
    {
      key: 'energy',
      label: 'Énergie de chauffage',
      basis: 'assumed',
      detail:
        'parts nationales par type et période ; gaz et réseaux de chaleur en ville, fioul, bois et GPL dans les villages et le bâti ancien',
    },
    {
      key: 'climate',
      label: 'Climat',
      basis: 'modelled',
      detail:
        'zone climatique du département (H1a…H3) ; consommation multipliée par le coefficient Mcgéo de la RT 2012 sur la part chauffage (≈ 70 %) ; altitude non connue',
    },
    {
      key: 'label',
      label: 'Étiquette DPE et consommations',
      basis: 'modelled',
      detail:
        'score latent (période, surface, énergie, statut, type, ruralité, climat) converti en classe par quantiles calés sur les parts nationales ONRE ; consommations et émissions tirées dans la classe, étiquette recalculée par le double seuil officiel',
    },
  ];
  return {
    summary:
      'Parc modélisé par cellules typologiques (à la manière de SITERRE) : chaque ligne représente un groupe de logements d’une commune, pondéré par le nombre de logements. Les chiffres sont des estimations, pas des observations.',
    inputs,
    variables,
    assumptions: [
      'Aucune donnée sur les logements eux-mêmes : les étiquettes sont estimées, jamais observées.',
      'Les résidences secondaires et vacantes ont les mêmes périodes de construction que les résidences principales.',
      'L’altitude n’est pas connue : les logements de montagne sont sous-estimés.',
      'Les parts d’étiquettes des résidences secondaires et des logements vacants (hors F+G publiées par l’ONRE) sont supposées.',
    ],
    validation: [...validation],
  };
}
