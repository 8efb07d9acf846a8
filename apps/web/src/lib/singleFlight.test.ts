import { describe, expect, it } from 'vitest';
import { createSingleFlight } from './singleFlight.js';

describe('createSingleFlight', () => {
  it('drops a second submission while the first is still saving', async () => {
    const gate = createSingleFlight();
    let saves = 0;
    let finish!: () => void;
    const save = () =>
      new Promise<void>((resolve) => {
        saves += 1;
        finish = resolve;
      });
    const first = gate.run(save);
    const second = gate.run(save);
    finish();
    await Promise.all([first, second]);
    expect(saves).toBe(1);
  });

  it('lets the next submission through once the first has finished, also after a failure', async () => {
    const gate = createSingleFlight();
    let saves = 0;
    await gate.run(async () => {
      saves += 1;
    });
    await expect(
      gate.run(async () => {
        saves += 1;
        throw new Error('保存失败');
      }),
    ).rejects.toThrow('保存失败');
    await gate.run(async () => {
      saves += 1;
    });
    expect(saves).toBe(3);
  });

  it('stays closed after a creating dialog succeeded (a late second submission is dropped), open after a failure', async () => {
    const gate = createSingleFlight({ closeAfterSuccess: true });
    let saves = 0;
    await gate.run(async () => {
      saves += 1;
      return false;
    });
    await gate.run(async () => {
      saves += 1;
    });
    await gate.run(async () => {
      saves += 1;
    });
    expect(saves).toBe(2);
  });
});
