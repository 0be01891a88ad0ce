// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import type { Pinia } from 'pinia';
import NetworkDesigner from '../../../src-renderer/src/components/NetworkDesigner.vue';
import ConfirmDialog from '../../../src-renderer/src/components/ConfirmDialog.vue';
import { buildTrainConfig, defaultDesign, defaultHyper } from '../../../src-renderer/src/lib/defaults';
import { useDataStore } from '../../../src-renderer/src/stores/data';
import { useDesignStore } from '../../../src-renderer/src/stores/design';
import { useTrainingStore } from '../../../src-renderer/src/stores/training';
import { freshStudio } from './setup';
import type { FakeApi } from './fake-api';

// The designer together with the dialog it opens, as they sit in App.vue.
const Harness = defineComponent(() => () => h('div', [h(NetworkDesigner), h(ConfirmDialog)]));

describe('NetworkDesigner', () => {
  let pinia: Pinia;
  let api: FakeApi;
  beforeEach(async () => {
    ({ pinia, api } = freshStudio());
    await useDataStore().loadBuiltin();
  });

  const mountDesigner = () => mount(Harness, { global: { plugins: [pinia] }, attachTo: document.body });
  const unitsInputs = (wrapper: ReturnType<typeof mountDesigner>) =>
    wrapper.findAll('input[type="number"]').map((input) => input.attributes('aria-label'));

  it('shows the input feature toggles of 2-input data and a row per hidden layer with accessible names', () => {
    const wrapper = mountDesigner();
    expect(wrapper.find('fieldset legend').text()).toBe('Input features');
    const boxes = wrapper.findAll('fieldset label');
    expect(boxes.map((label) => label.text())).toEqual([
      'x1',
      'x2',
      'x1²',
      'x2²',
      'x1·x2',
      'sin(x1)',
      'sin(x2)',
    ]);
    expect(boxes.map((label) => (label.find('input').element as HTMLInputElement).checked)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(unitsInputs(wrapper)).toEqual(['Layer 1 units', 'Layer 2 units']);
    expect(wrapper.find('select[aria-label="Layer 2 activation"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('Output: 2 (classes 0, 1), follows the data');
    wrapper.unmount();
  });

  it('toggles input features in canonical order, keeps the last one on, and the run config carries them', async () => {
    const wrapper = mountDesigner();
    const box = (name: string) =>
      wrapper
        .findAll('fieldset label')
        .find((label) => label.text() === name)!
        .find('input');
    await box('sin(x2)').setValue(true);
    await box('x1²').setValue(true);
    await flushPromises();
    expect(useDesignStore().features).toEqual(['x1', 'x2', 'x1sq', 'sinx2']);
    for (const name of ['x1', 'x2', 'x1²']) await box(name).setValue(false);
    await flushPromises();
    expect(useDesignStore().features).toEqual(['sinx2']);
    expect((box('sin(x2)').element as HTMLInputElement).disabled).toBe(true);
    useDesignStore().toggleFeature('sinx2', false);
    expect(useDesignStore().features).toEqual(['sinx2']);
    expect(buildTrainConfig(useDesignStore().settings(), defaultHyper(), ['sinx2']).features).toEqual([
      'sinx2',
    ]);
    expect(buildTrainConfig(useDesignStore().settings(), defaultHyper()).features).toBeUndefined();
    wrapper.unmount();
  });

  it('applies the Hidden layers text and the Add / Remove layer buttons', async () => {
    const wrapper = mountDesigner();
    const text = wrapper.find('input[type="text"]');
    await text.setValue('16,16,4');
    await text.trigger('change');
    await flushPromises();
    expect(useDesignStore().hiddenText).toBe('16,16,4');
    expect(unitsInputs(wrapper)).toEqual(['Layer 1 units', 'Layer 2 units', 'Layer 3 units']);

    const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name)!;
    await button('Add layer').trigger('click');
    await flushPromises();
    expect(useDesignStore().hiddenText).toBe('16,16,4,4');
    expect((wrapper.find('input[type="text"]').element as HTMLInputElement).value).toBe('16,16,4,4');
    await button('Remove layer').trigger('click');
    await button('Remove layer').trigger('click');
    await flushPromises();
    expect(useDesignStore().hiddenText).toBe('16,16');
    wrapper.unmount();
  });

  it('explains a bad Hidden layers value in an alert and keeps the design', async () => {
    const wrapper = mountDesigner();
    const text = wrapper.find('input[type="text"]');
    await text.setValue('16,,x');
    await text.trigger('change');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toContain('layer 2 must be a whole number');
    expect(text.attributes('aria-invalid')).toBe('true');
    expect(useDesignStore().hiddenText).toBe('8,8');
    wrapper.unmount();
  });

  it('asks in a dialog before changing layers during a run; keeping the run reverts the field', async () => {
    const training = useTrainingStore();
    training.attach();
    await training.start(buildTrainConfig(defaultDesign(), defaultHyper()), 'xor');
    const wrapper = mountDesigner();
    const units = wrapper.find('input[aria-label="Layer 1 units"]');
    await units.setValue('32');
    await units.trigger('change');
    await flushPromises();

    const dialog = wrapper.find('dialog');
    expect(dialog.attributes('open')).toBeDefined();
    expect(dialog.text()).toContain('Discard the current run?');
    const keep = dialog.findAll('button').find((b) => b.text() === 'Keep training')!;
    await keep.trigger('click');
    await flushPromises();
    expect(useDesignStore().hiddenLayers[0].units).toBe(8);
    expect((units.element as HTMLInputElement).value).toBe('8');
    expect(api.calls.some((call) => call.method === 'train.stop')).toBe(false);

    await units.setValue('32');
    await units.trigger('change');
    await flushPromises();
    const discard = wrapper
      .find('dialog')
      .findAll('button')
      .find((b) => b.text() === 'Stop run and continue')!;
    await discard.trigger('click');
    await flushPromises();
    expect(api.calls.at(-1)?.method).toBe('train.stop');
    expect(useDesignStore().hiddenLayers[0].units).toBe(32);
    expect(wrapper.find('dialog').attributes('open')).toBeUndefined();
    wrapper.unmount();
  });
});
