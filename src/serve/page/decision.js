// The claim view. In: a claim, filled in the form or pasted as JSON (the two follow each
// other). Out: POST /v1/decisions[?explain=1] with the claim on one line, and the decision
// record shown: the claim's decision and total, each line's decision, amount and reasons with
// their sources, and the explanation steps grouped in a collapsible tree.
'use strict';

// The example: one session of RAM 7.49 in the practice on 2024-03-04 in metropolitan France.
// RAM is worth 2.21 EUR that day (avenant 7, from 2024-02-22): 7.49 x 2.21 = 16.5529 -> 16.55.
const EXAMPLE_CLAIM = {
  id: 'exemple',
  date: '2024-03-04',
  region: 'metropole',
  place: 'cabinet',
  patient: {id: 'p1', age: 45},
  lines: [{code: 'RAM 7.49'}],
  prescription: {kind: 'medical'},
  series: {session_number: 3, sessions_12_months_before: 2, prior_approval: false},
};

const DECISION_WORDS = {
  accepted: 'acceptée',
  refused: 'refusée',
  prior_approval: 'soumise à accord préalable',
  invalid: 'invalide',
};

const claimForm = {
  form: () => document.getElementById('formulaire-facture'),
  json: () => document.getElementById('f-json'),
  state: () => document.getElementById('f-json-etat'),
  lines: () => document.getElementById('f-lignes'),
};

// One row of the lines table: code ("RAM", "IFD") and coefficient ("7.49", empty for a flat rate).
function addLineRow(code = '', coefficient = '') {
  const remove = el('button', {type: 'button', class: 'retirer', text: '×'});
  const row =
      el('tr', {}, el('td'), el('td', {}, el('input', {class: 'code', value: code, size: 8})),
         el('td', {}, el('input', {class: 'coefficient', value: coefficient, inputmode: 'decimal', size: 6})),
         el('td', {}, remove));
  remove.addEventListener('click', () => {
    row.remove();
    numberLineRows();
    formToJson();
  });
  claimForm.lines().append(row);
  numberLineRows();
  return row;
}

// Each row's number, and the names its fields and button give to a screen reader.
function numberLineRows() {
  [...claimForm.lines().rows].forEach((row, index) => {
    const number = index + 1;
    row.cells[0].textContent = String(number);
    row.querySelector('.code').setAttribute('aria-label', `Code de la ligne ${number}`);
    row.querySelector('.coefficient').setAttribute('aria-label', `Coefficient de la ligne ${number}`);
    row.querySelector('.retirer').setAttribute('aria-label', `Retirer la ligne ${number}`);
  });
}

// "RAM 7.49" -> ["RAM", "7.49"] (a decimal comma kept: the engine reads it); "IFD" -> ["IFD", ""].
function splitCode(code) {
  const match = /^\s*(\S+)\s+([0-9]+(?:[.,][0-9]+)?)\s*$/.exec(String(code));
  return match ? [match[1], match[2]] : [String(code).trim(), ''];
}

// The form's fields set on `claim` (a copy); the fields the form does not show are kept.
function claimFromForm(claim) {
  const result = structuredClone(claim);
  const value = (name) => claimForm.form().elements[name].value.trim();
  const setOrDelete = (object, key, text, convert = (x) => x) => {
    if (text === '')
      delete object[key];
    else
      object[key] = convert(text);
  };
  setOrDelete(result, 'id', value('id'));
  setOrDelete(result, 'date', value('date'));
  setOrDelete(result, 'region', value('region'));
  setOrDelete(result, 'place', value('place'));
  const patient = typeof result.patient === 'object' && result.patient !== null ? result.patient : {};
  setOrDelete(patient, 'id', value('patient-id'));
  setOrDelete(patient, 'age', value('patient-age'), (text) => (/^[0-9]+$/.test(text) ? Number(text) : text));
  if (Object.keys(patient).length > 0)
    result.patient = patient;
  else
    delete result.patient;
  const previous = Array.isArray(result.lines) ? result.lines : [];
  result.lines = [...claimForm.lines().rows].map((row, index) => {
    const code = row.querySelector('.code').value.trim();
    const coefficient = row.querySelector('.coefficient').value.trim();
    const line = typeof previous[index] === 'object' && previous[index] !== null ? previous[index] : {};
    return {...line, code: coefficient === '' ? code : `${code} ${coefficient}`};
  });
  return result;
}

// Selects `value` in `select`, adding it as a choice when the list lacks it (a claim's value the
// format does not know stays as written, for the server to judge).
function choose(select, value) {
  if (![...select.options].some((option) => option.value === value)) select.append(el('option', {value, text: value}));
  select.value = value;
}

function fillForm(claim) {
  const elements = claimForm.form().elements;
  const text = (x) => (x === undefined || x === null ? '' : String(x));
  elements['id'].value = text(claim.id);
  elements['date'].value = text(claim.date);
  choose(elements['region'], text(claim.region));
  choose(elements['place'], text(claim.place));
  const patient = claim.patient || {};
  elements['patient-id'].value = text(patient.id);
  elements['patient-age'].value = text(patient.age);
  claimForm.lines().replaceChildren();
  for (const line of Array.isArray(claim.lines) ? claim.lines : [])
    addLineRow(...splitCode(line && line.code ? line.code : ''));
}

// The JSON text as an object, or the reason it is not one.
function parseClaimText() {
  try {
    const claim = JSON.parse(claimForm.json().value);
    if (typeof claim !== 'object' || claim === null || Array.isArray(claim)) {
      return {error: 'une facture est un objet JSON { … }'};
    }
    return {claim};
  } catch (failure) {
    return {error: failure.message};
  }
}

function formToJson() {
  const parsed = parseClaimText();
  if (parsed.error) {
    claimForm.state().textContent = `Le JSON ne se lit pas (${parsed.error}) : le formulaire ne le modifie pas.`;
    return;
  }
  claimForm.json().value = JSON.stringify(claimFromForm(parsed.claim), null, 2);
  claimForm.state().textContent = '';
}

function jsonToForm() {
  const parsed = parseClaimText();
  if (parsed.error) {
    claimForm.state().textContent = `JSON à corriger : ${parsed.error}. Il sera envoyé tel quel.`;
    return;
  }
  fillForm(parsed.claim);
  claimForm.state().textContent = '';
}

function loadExampleClaim() {
  claimForm.json().value = JSON.stringify(EXAMPLE_CLAIM, null, 2);
  jsonToForm();
}

function reasonsElement(reasons) {
  if (!reasons || reasons.length === 0) return el('span', {class: 'vide', text: 'aucun motif'});
  const list = el('ul', {class: 'motifs'});
  for (const reason of reasons) {
    list.append(
        el('li', {}, el('span', {class: 'message', text: reason.message}),
           reason.rule ? el('span', {class: 'regle', text: ` (règle ${reason.rule})`}) : null,
           sourceElement(reason.source)));
  }
  return list;
}

function decisionElement(kind) {
  return el('data', {class: `decision ${kind}`, value: kind, text: DECISION_WORDS[kind] || kind});
}

// The explanation's steps (flat, in the engine's order) grouped by kind, each group collapsible;
// each step keeps its number in that order.
function explanationElement(steps) {
  const groups = [
    {title: 'Cotation et montant', open: true, test: (s) => s.source !== 'facture' && !s.what.startsWith('règle ')},
    {title: 'Règles examinées', open: false, test: (s) => s.what.startsWith('règle ')},
    {title: 'Données lues sur la facture', open: false, test: (s) => s.source === 'facture'},
  ];
  const section =
      el('section', {class: 'explication', 'aria-labelledby': 'titre-explication'},
         el('h3', {id: 'titre-explication', text: `Explication (${steps.length} étapes, dans l'ordre du moteur)`}));
  if (steps.length === 0) section.append(el('p', {class: 'vide', text: 'Aucune étape.'}));
  for (const group of groups) {
    const list = el('ol', {class: 'etapes'});
    steps.forEach((step, index) => {
      if (!group.test(step)) return;
      const applies = step.what.startsWith('règle ') && step.value === 'vrai';
      list.append(
          el('li', {value: String(index + 1), class: applies ? 'appliquee' : null},
             el('span', {class: 'quoi', text: step.what}), ' : ', el('strong', {class: 'valeur', text: step.value}),
             sourceElement(step.source)));
    });
    if (list.children.length === 0) continue;
    section.append(
        el('details', {open: group.open}, el('summary', {text: `${group.title} (${list.children.length})`}), list));
  }
  return section;
}

function decisionRecordElement(record) {
  const article =
      el('article', {class: 'resultat', id: 'decision', 'aria-labelledby': 'titre-decision'},
         el('h3', {id: 'titre-decision'}, `Facture « ${record.id} » : `, decisionElement(record.decision), ', total ',
            amountElement(record.total)));
  if (record.reasons && record.reasons.length > 0) {
    article.append(el('h4', {text: 'Motifs pour la facture'}), reasonsElement(record.reasons));
  }
  const body = el('tbody');
  (record.lines || []).forEach((line, index) => {
    body.append(
        el('tr', {class: `ligne ${line.decision}`}, el('td', {text: String(index + 1)}),
           el('td', {}, el('code', {text: line.code})), el('td', {}, decisionElement(line.decision)),
           el('td', {class: 'nombre'}, amountElement(line.amount)), el('td', {}, reasonsElement(line.reasons))));
  });
  if ((record.lines || []).length > 0) {
    article.append(
        el('table', {class: 'lignes-decidees'}, el('caption', {text: 'Décision ligne par ligne'}),
           el('thead', {},
              el('tr', {},
                 ...['N°', 'Code', 'Décision', 'Montant', 'Motifs et sources'].map(
                     (title) => el('th', {scope: 'col', text: title})))),
           body));
  }
  if (record.rule_set)
    article.append(el('p', {class: 'regles'}, 'Ensemble de règles : ', el('code', {text: record.rule_set})));
  if (Array.isArray(record.explanation)) article.append(explanationElement(record.explanation));
  return article;
}

// Sends the JSON text as one line (a line break between JSON tokens is a space), so that the
// server reads one claim and reports its own errors on the text as written.
async function submitClaim(focus) {
  const explain = document.getElementById('f-explication').checked;
  const body = claimForm.json().value.replace(/\r?\n/g, ' ').trim();
  await showAnswer(
      document.getElementById('resultat-facture'), 'Décision en cours…', `/v1/decisions${explain ? '?explain=1' : ''}`,
      {method: 'POST', headers: {'Content-Type': 'application/json'}, body}, decisionRecordElement, focus);
}

function setUpClaimView() {
  claimForm.form().addEventListener('input', (event) => {
    if (event.target === claimForm.json())
      jsonToForm();
    else if (event.target.id !== 'f-explication')
      formToJson();
  });
  claimForm.form().addEventListener('submit', (event) => {
    event.preventDefault();
    submitClaim(true);
  });
  document.getElementById('f-ajouter').addEventListener('click', () => {
    addLineRow().querySelector('.code').focus();
    formToJson();
  });
  document.getElementById('f-exemple').addEventListener('click', loadExampleClaim);
  loadExampleClaim();
}
