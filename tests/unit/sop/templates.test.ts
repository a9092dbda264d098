import { describe, expect, it } from 'vitest';
import {
  TEMPLATES,
  TEMPLATE_IDS,
  displayName,
  isTemplateId,
  renderBody,
  hasStrayBraces,
  renderTemplate,
  templateVariables,
} from '../../../lib/sop/templates/templates';

describe('TEMPLATES are the product text (docs/PRODUCT.md "Templates")', () => {
  it.each([
    [
      'ack_delay',
      'Acknowledge delay',
      "Hi {{name}}, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.",
    ],
    [
      'ship_update',
      'Shipping updated',
      "Appreciate you reaching out, {{name}}. Your order is with our carrier and I'm expediting a status check right away.",
    ],
    [
      'refund_offer',
      'Refund offer',
      "I'm sorry for the trouble, {{name}}. I can refund this immediately or offer store credit—let me know what works best.",
    ],
  ] as const)('%s is labelled "%s"', (id, label, body) => {
    expect(TEMPLATES[id]).toMatchObject({ id, label, body });
  });

  it('keeps the em dash and the straight apostrophe', () => {
    expect(TEMPLATES.refund_offer.body).toContain('credit\u2014let');
    for (const id of TEMPLATE_IDS) {
      expect(TEMPLATES[id].body).not.toMatch(/[\u2018\u2019]/);
      expect(TEMPLATES[id].body).toContain("I'm");
    }
  });

  it('lists the three ids in order', () => {
    expect(TEMPLATE_IDS).toEqual(['ack_delay', 'ship_update', 'refund_offer']);
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_IDS].sort());
    expect(isTemplateId('ship_update')).toBe(true);
    expect(isTemplateId('ship-update')).toBe(false);
    expect(isTemplateId(undefined)).toBe(false);
  });
});

describe('displayName: {{name}} is the contact name or "Customer"', () => {
  it.each([
    ['a name', 'Jane Doe', 'Jane Doe'],
    ['a name with spaces around', '  Jane Doe \n', 'Jane Doe'],
    ['a name over two lines', 'Jane\n  Doe', 'Jane Doe'],
    ['null', null, 'Customer'],
    ['undefined', undefined, 'Customer'],
    ['empty', '', 'Customer'],
    ['only spaces', '   ', 'Customer'],
    ['only whitespace of all kinds', '\t\n\u00a0', 'Customer'],
    ['accents and unicode', ' Zoé Ørsted 王 ', 'Zoé Ørsted 王'],
    ['markup, kept as text', '<b>Ann</b>', '<b>Ann</b>'],
  ] as const)('%s → %s', (_what, name, expected) => {
    expect(displayName(name)).toBe(expected);
  });
});

describe('renderTemplate', () => {
  it.each([
    [
      'ack_delay',
      'Jane',
      "Hi Jane, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.",
    ],
    [
      'ship_update',
      'Jane',
      "Appreciate you reaching out, Jane. Your order is with our carrier and I'm expediting a status check right away.",
    ],
    [
      'refund_offer',
      'Jane',
      "I'm sorry for the trouble, Jane. I can refund this immediately or offer store credit—let me know what works best.",
    ],
    [
      'ack_delay',
      null,
      "Hi Customer, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.",
    ],
    [
      'refund_offer',
      '   ',
      "I'm sorry for the trouble, Customer. I can refund this immediately or offer store credit—let me know what works best.",
    ],
  ] as const)('%s for %j', (id, name, expected) => {
    expect(renderTemplate(id, { name })).toBe(expected);
  });

  it('uses "Customer" when no contact is given', () => {
    expect(renderTemplate('ship_update', {})).toContain(', Customer.');
    expect(renderTemplate('ship_update')).toContain(', Customer.');
  });

  it.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['an ampersand', 'Tom & Jerry'],
    ['a replacement pattern', '$& $1 $$'],
    ['braces', '{{name}}'],
  ])('renders a name with %s as plain text, untouched', (_what, name) => {
    expect(renderTemplate('ack_delay', { name })).toBe(
      `Hi ${name}, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.`,
    );
  });

  it('refuses an unknown template id', () => {
    expect(() => renderTemplate('nope' as 'ack_delay', { name: 'x' })).toThrow(/Unknown template/);
  });
});

describe('renderBody and template validation (team template library)', () => {
  it.each([
    ['one variable', 'Hi {{name}}!', { name: 'Ann' }, 'Hi Ann!'],
    ['spaces inside braces', 'Hi {{ name }}!', { name: 'Ann' }, 'Hi Ann!'],
    ['a repeated variable', '{{a}} and {{a}}', { a: 'x' }, 'x and x'],
    ['two variables', '{{name}}: order {{order}}', { name: 'Ann', order: '#12' }, 'Ann: order #12'],
    ['no variables', 'Plain text', {}, 'Plain text'],
    ['an empty value', 'Hi {{name}}.', { name: '' }, 'Hi .'],
  ] as const)('%s', (_what, body, vars, expected) => {
    expect(renderBody(body, vars)).toBe(expected);
  });

  it('throws on a variable with no value instead of sending it literally', () => {
    expect(() => renderBody('Order {{order}}', { name: 'Ann' })).toThrow(/\{\{order\}\}/);
    expect(() => renderBody('{{toString}}', {})).toThrow();
  });

  it.each([
    ['Hi {{name}}', ['name']],
    ['{{ a }} {{b}} {{a}}', ['a', 'b']],
    ['nothing here', []],
    ['{{ not valid }}', []],
  ] as const)('templateVariables(%j) → %j', (body, expected) => {
    expect(templateVariables(body)).toEqual(expected);
  });

  it.each([
    ['the built-in bodies', TEMPLATES.ack_delay.body, false],
    ['an unknown but well-formed variable', 'Hi {{first_name}}', false],
    ['an unclosed variable', 'Hi {{name', true],
    ['a stray closing brace', 'Hi name}}', true],
    ['single braces are text', 'Use {curly} braces', false],
  ] as const)('hasStrayBraces: %s → %s', (_what, body, expected) => {
    expect(hasStrayBraces(body)).toBe(expected);
  });
});
